import java.nio.file.*;
import java.util.Random;
/**
 * The Keras target of ReaderFuzzTest alone, then a normal exit: whether the JVM exits with status 0 or crashes in
 * HDF5's exit handler after the native library refused a damaged file (docs/HARDENING.md). Arguments: the seed
 * .h5, a seed, seconds.
 *     java -cp "explain-cli/target/lib/*" scripts/KerasExitFuzz.java explain-cli/src/test/resources/keras/small-cnn.h5 1 15; echo $?
 */
public class KerasExitFuzz {
  public static void main(String[] a) throws Exception {
    byte[] seed = Files.readAllBytes(Path.of(a[0]));
    Random r = new Random(Long.parseLong(a[1]));
    Path f = Files.createTempDirectory("h5f").resolve("x.h5");
    long end = System.nanoTime() + (long) (Double.parseDouble(a[2]) * 1e9);
    int n = 0, refused = 0, other = 0;
    while (System.nanoTime() < end) {
      byte[] b = seed.clone();
      int flips = 1 + r.nextInt(8);
      for (int i = 0; i < flips; i++) { int at = r.nextBoolean() ? r.nextInt(Math.min(128, b.length)) : r.nextInt(b.length); b[at] = (byte) r.nextInt(256); }
      Files.write(f, b);
      try { org.explain4j.core.imports.ModelFiles.open(f, null, null); }
      catch (org.explain4j.core.model.ModelLoadException | org.explain4j.core.io.InputException e) { refused++; }
      catch (Throwable e) { other++; }
      n++;
    }
    System.out.println(n + " files, " + refused + " refused, " + other + " other");
  }
}
