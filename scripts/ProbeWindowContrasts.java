import java.awt.image.BufferedImage;
import java.util.*;
import org.explain4j.core.model.*;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.quality.*;
import org.explain4j.iqa.explain.*;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How distinct the four per-window contrasts ("rather than" 1, 0.75, 0.5, 0.25) of the shipped quality model are on
 * generated images: window score range and the pairwise correlations of the normalised ReLU-pasted maps (NaN: an
 * empty map). docs/RESULTS.md quotes it at both layers:
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*" -Dlayer=relu10 scripts/ProbeWindowContrasts.java
 *     java -cp "explain-cli/target/lib/*" -Dlayer=conv10 scripts/ProbeWindowContrasts.java
 */
public class ProbeWindowContrasts {
    public static void main(String[] a) throws Exception {
        ExplainableModel m = ShippedModel.load(org.explain4j.iqa.nets.Diqam.class, org.explain4j.iqa.nets.Diqam.SHIPPED_MODEL);
        QualityMaps maps = new QualityMaps(m, System.getProperty("layer", "conv10"));
        List<Double> ts = List.of(1.0, 0.75, 0.5, 0.25);
        for (int sceneSeed : new int[] {2020, 1337, 42}) {
            for (String kind : new String[] {"local5", "local5+noise3", "noise5", "jpeg5", "block5", "local5+jpeg3"}) {
                BufferedImage s = Scenes.draw(256, 192, new Random(sceneSeed));
                BufferedImage img = switch (kind) {
                    case "local5" -> QualityDistortions.localPatch(s, 5, new Random(7)).image();
                    case "local5+noise3" -> QualityDistortions.apply(QualityDistortions.localPatch(s, 5, new Random(7)).image(), 3, 3, new Random(9));
                    case "local5+jpeg3" -> QualityDistortions.apply(QualityDistortions.localPatch(s, 5, new Random(7)).image(), 1, 3, new Random(9));
                    case "noise5" -> QualityDistortions.apply(s, 3, 5, new Random(8));
                    case "jpeg5" -> QualityDistortions.apply(s, 1, 5, new Random(8));
                    default -> QualityDistortions.apply(s, 7, 5, new Random(8));
                };
                QualityMaps.WhyScore w = maps.explain(Images.toArray(img), 4, ts);
                INDArray y = w.perWindow().scores();
                double[][] v = new double[4][];
                for (int i = 0; i < 4; i++) v[i] = QualityMaps.WhyScore.view(w.rather(Contrast.WINDOW, ts.get(i))).reshape(-1).toDoubleVector();
                double maxc = -1;
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) { double c = corr(v[i], v[j]); maxc = Math.max(maxc, c); sb.append(String.format(" %.2f", c)); }
                System.out.printf("%d %-14s s=%.2f y %.2f..%.2f med %.2f  corr%s  max %.2f%n", sceneSeed, kind, w.score(), y.minNumber().doubleValue(), y.maxNumber().doubleValue(), y.reshape(-1).median(0).getDouble(0), sb, maxc);
            }
        }
    }
    static double corr(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0), mb = Arrays.stream(b).average().orElse(0), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) { sab += (a[i]-ma)*(b[i]-mb); saa += (a[i]-ma)*(a[i]-ma); sbb += (b[i]-mb)*(b[i]-mb); }
        return sab / Math.sqrt(saa * sbb);
    }
}
