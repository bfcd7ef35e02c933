import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The oracle: real java.util.regex. Reads one pattern per line with the strings to try,
 * each field as UTF-16 code units in hex (4 digits each, so lone surrogates survive),
 * tab-separated: PATTERN \t INPUT1 \t INPUT2 ... Writes one line per pattern:
 *   E \t <PatternSyntaxException description>        Java refuses the pattern
 *   OK \t <one character per input: 1 match, 0 no match, T gave up after the time limit>
 * A match is Matcher.find(): JSON Schema's `pattern` searches, it is not anchored.
 */
public class Oracle {
  /** Gives up on an input whose matching takes too long (Java backtracks; the engine may not). */
  static final class Deadline implements CharSequence {
    final CharSequence text;
    final long end;
    int reads;

    Deadline(CharSequence text, long end) {
      this.text = text;
      this.end = end;
    }

    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0 && System.nanoTime() > end) throw new IllegalStateException("timeout");
      return text.charAt(index);
    }

    public int length() {
      return text.length();
    }

    public CharSequence subSequence(int start, int stop) {
      return new Deadline(text.subSequence(start, stop), end);
    }

    public String toString() {
      return text.toString();
    }
  }

  static String decode(String hex) {
    StringBuilder out = new StringBuilder(hex.length() / 4);
    for (int i = 0; i + 4 <= hex.length(); i += 4) out.append((char) Integer.parseInt(hex.substring(i, i + 4), 16));
    return out.toString();
  }

  public static void main(String[] args) throws Exception {
    long limitNanos = Long.parseLong(args.length > 0 ? args[0] : "250") * 1_000_000L;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] fields = line.split("\t", -1);
      Pattern pattern;
      try {
        pattern = Pattern.compile(decode(fields[0]));
      } catch (PatternSyntaxException e) {
        out.write("E\t" + e.getDescription().replace('\t', ' ').replace('\n', ' ') + "\n");
        continue;
      }
      StringBuilder verdicts = new StringBuilder();
      for (int i = 1; i < fields.length; i++) {
        try {
          verdicts.append(pattern.matcher(new Deadline(decode(fields[i]), System.nanoTime() + limitNanos)).find() ? '1' : '0');
        } catch (IllegalStateException | StackOverflowError e) {
          verdicts.append('T');
        }
      }
      out.write("OK\t" + verdicts + "\n");
    }
    out.flush();
  }
}
