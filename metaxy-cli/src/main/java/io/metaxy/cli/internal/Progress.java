package io.metaxy.cli.internal;

import java.io.PrintWriter;

/** Progress of a long operation on stderr: {@code label [3/5] item}, one line per step. */
final class Progress {
  private final PrintWriter err;
  private final String label;
  private final int total;
  private final boolean enabled;
  private int done;

  Progress(PrintWriter err, String label, int total, boolean enabled) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.enabled = enabled;
  }

  void step(String item) {
    done++;
    if (enabled) {
      int width = 20;
      int filled = total == 0 ? width : done * width / total;
      err.println(
          label
              + " ["
              + "#".repeat(filled)
              + " ".repeat(width - filled)
              + "] "
              + done
              + "/"
              + total
              + " "
              + item);
      err.flush();
    }
  }
}
