#!/usr/bin/env bash
# The spark-submit route, checked without a Spark installation: builds explain-spark-cluster.jar (-Pcluster-jar),
# then runs Spark's own SparkSubmit (from the spark-core jar Maven fetched) with only Spark's libraries on its
# class path, as a cluster's spark-submit would, on local[2]; and compares every file it wrote with what
# bin/explain spark writes for the same images (results.parquet aside).
# Usage: scripts/check-cluster-jar.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin/explain spark --help > /dev/null
mvn -q -B -pl explain-spark -Pcluster-jar -DskipTests package 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
mkdir -p "$work/in"
bin/explain recognition generate-signs --out "$work/signs" --train-per-class 1 --test-per-class 3 --challenged-per-class 1 --seed 3 > /dev/null 2>&1
cp "$work"/signs/test/* "$work/in/"
printf 'not an image' > "$work/in/00-corrupt.png"
model=explain-recognition/src/main/resources/org/explain4j/recognition/models/signs.fb
bin/explain spark explain --master 'local[2]' --model "$model" --input "$work/in" --out "$work/launcher" 2> /dev/null
# Spark's class path: its own jars and their dependencies, nothing of explain4j, DL4J or ND4J.
spark_cp=$(ls explain-spark/target/lib/*.jar | grep -v -E '/(explain-|nd4j|deeplearning4j|javacpp|openblas|datavec|progressbar|commons-cli|jfreechart|jcommon|flatbuffers|oshi)' | tr '\n' ':')
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' explain-spark/pom.xml)
java -Xmx4g $opens -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit \
  --master 'local[2]' --class org.explain4j.spark.cli.SparkMain explain-spark/target/explain-spark-cluster.jar \
  spark explain --model "$model" --input "$work/in" --out "$work/submitted"
diff -r -x results.parquet "$work/launcher" "$work/submitted"
echo "check-cluster-jar: spark-submit with explain-spark-cluster.jar wrote the same files as bin/explain spark ($(ls "$work/submitted" | grep -vc results.parquet) inputs)"
