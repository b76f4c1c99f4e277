package dev.jspy.lm;

/**
 * URLs as messages show them. A base URL may carry a credential in its user info
 * ({@code http://user:password@host/v1}) or in its query ({@code ?api-key=sk-…}); neither may reach an
 * exception, a log line or {@code toString}. Works on text that is not a valid URL too, since the
 * configuration errors that quote one are exactly about such text.
 */
final class Urls {
  private Urls() {}

  /**
   * @param url any text meant as a URL
   * @return it with the user info replaced by {@code ***}, every query value by {@code ***} (names kept,
   *     they help to spot a wrong parameter) and any fragment by {@code ***}
   */
  static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int authority = url.indexOf("://");
    authority = authority < 0 ? 0 : authority + 3;
    int query = url.indexOf('?', authority);
    int fragment = url.indexOf('#', authority);
    int pathEnd = firstOf(query, fragment, url.length());
    StringBuilder out = new StringBuilder(url.length());
    // An '@' before the query marks user info; a password may itself contain '/' or '@', so everything up
    // to the last one goes (a path with an '@' in it loses a little too, which is the safe side).
    int at = url.lastIndexOf('@', pathEnd - 1);
    if (at >= authority) {
      out.append(url, 0, authority).append("***").append(url, at, pathEnd);
    } else {
      out.append(url, 0, pathEnd);
    }
    if (query >= 0 && (fragment < 0 || query < fragment)) {
      int queryEnd = fragment < 0 ? url.length() : fragment;
      out.append('?');
      String[] params = url.substring(query + 1, queryEnd).split("&", -1);
      for (int i = 0; i < params.length; i++) {
        if (i > 0) {
          out.append('&');
        }
        int eq = params[i].indexOf('=');
        // A bare value (?sk-...) may be the secret itself; only a name followed by '=' is kept.
        out.append(eq < 0 ? (params[i].isEmpty() ? "" : "***") : params[i].substring(0, eq) + "=***");
      }
    }
    if (fragment >= 0) {
      out.append("#***");
    }
    return out.toString();
  }

  private static int firstOf(int a, int b, int otherwise) {
    if (a < 0) {
      return b < 0 ? otherwise : b;
    }
    return b < 0 ? a : Math.min(a, b);
  }
}
