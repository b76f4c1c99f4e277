package dev.jspy.evaluate;

import dev.jspy.Example;
import dev.jspy.internal.py.PythonRepr;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DSPy's answer metrics ({@code dspy/evaluate/metrics.py}) with its text normalization, character for
 * character: Unicode NFD, Python's {@code lower()}, ASCII punctuation removed, the articles a/an/the removed
 * where Python's {@code \b} sees a word boundary (so {@code "thé"}, NFD {@code "the\u0301"}, loses its
 * {@code the} as in DSPy), whitespace collapsed as {@code str.split()} does; and DPR's tokenizer for
 * passage matching.
 */
public final class Metrics {
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final String[] ARTICLES = {"a", "an", "the"};
  private static final Pattern DPR_TOKEN = Pattern.compile("([\\p{L}\\p{N}\\p{M}]+)|([^\\p{Z}\\p{C}])");

  private Metrics() {}

  /**
   * DSPy's {@code answer_exact_match}: the prediction's answer against {@code example.answer} (a string
   * or a list of strings), by exact match after normalization.
   *
   * @param answer reads the prediction's answer
   * @param <O> the program's output
   * @return the metric, named {@code answer_exact_match}
   */
  public static <O> Metric<O> answerExactMatch(Function<? super O, String> answer) {
    return answerExactMatch(answer, 1.0);
  }

  /**
   * DSPy's {@code answer_exact_match(..., frac=frac)}: exact match when {@code frac >= 1}, else whether the
   * best token F1 against the answers is at least {@code frac}.
   *
   * @param answer reads the prediction's answer
   * @param frac the F1 threshold, 1.0 for exact match
   * @param <O> the program's output
   * @return the metric (1 or 0), named {@code answer_exact_match}
   */
  public static <O> Metric<O> answerExactMatch(Function<? super O, String> answer, double frac) {
    return Metric.named("answer_exact_match",
        (example, prediction, trace) -> answerMatch(answer.apply(prediction), answers(example), frac) ? 1.0 : 0.0);
  }

  /**
   * DSPy's {@code answer_passage_match}: whether any passage of the prediction's context contains any of
   * {@code example.answer} as a DPR token sequence.
   *
   * @param context reads the prediction's passages
   * @param <O> the program's output
   * @return the metric (1 or 0), named {@code answer_passage_match}
   */
  public static <O> Metric<O> answerPassageMatch(Function<? super O, List<String>> context) {
    return Metric.named("answer_passage_match",
        (example, prediction, trace) -> passageMatch(context.apply(prediction), answers(example)) ? 1.0 : 0.0);
  }

  private static List<String> answers(Example example) {
    Object a = example.get("answer");
    if (a instanceof String) {
      return List.of((String) a);
    }
    if (a instanceof List) {
      List<String> out = new ArrayList<>();
      for (Object o : (List<?>) a) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    throw new IllegalArgumentException("Invalid answer type: example.answer must be a str or a list of str, got "
        + (a == null ? "no 'answer' field" : PythonRepr.repr(a)) + " in " + example);
  }

  /**
   * DSPy's {@code _answer_match}.
   *
   * @param prediction the predicted answer
   * @param answers the reference answers, at least one
   * @param frac 1.0 or more for exact match, else the F1 threshold
   * @return whether it matches
   */
  public static boolean answerMatch(String prediction, List<String> answers, double frac) {
    return frac >= 1.0 ? em(prediction, answers) : f1(prediction, answers) >= frac;
  }

  /**
   * DSPy's {@code _passage_match}.
   *
   * @param passages the passages
   * @param answers the reference answers
   * @return whether any passage contains any answer
   */
  public static boolean passageMatch(List<String> passages, List<String> answers) {
    List<List<String>> tokenized = new ArrayList<>();
    for (String a : answers) {
      tokenized.add(dprNormalize(normalizeText(a)));
    }
    for (String p : passages) {
      if (hasAnswer(tokenized, dprNormalize(normalizeText(p)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAnswer(List<List<String>> answers, List<String> text) {
    for (List<String> a : answers) {
      for (int i = 0; i + a.size() <= text.size(); i++) {
        if (text.subList(i, i + a.size()).equals(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * DSPy's {@code EM}: whether any answer matches exactly after normalization.
   *
   * @param prediction the predicted answer
   * @param answers the reference answers, at least one
   * @return the match
   */
  public static boolean em(String prediction, List<String> answers) {
    requireAnswers(answers);
    for (String a : answers) {
      if (emScore(prediction, a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * DSPy's {@code F1}: the best token F1 over the answers.
   *
   * @param prediction the predicted answer
   * @param answers the reference answers, at least one
   * @return the best F1
   */
  public static double f1(String prediction, List<String> answers) {
    requireAnswers(answers);
    double best = Double.NEGATIVE_INFINITY;
    for (String a : answers) {
      best = Math.max(best, f1Score(prediction, a));
    }
    return best;
  }

  private static void requireAnswers(List<String> answers) {
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("answers must not be empty (Python's max() of nothing)");
    }
  }

  /**
   * DSPy's {@code em_score}.
   *
   * @param prediction the predicted answer
   * @param groundTruth the reference
   * @return whether the normalized strings are equal
   */
  public static boolean emScore(String prediction, String groundTruth) {
    return normalizeText(prediction).equals(normalizeText(groundTruth));
  }

  /**
   * DSPy's {@code f1_score}: token F1 of the normalized strings (0 when no token is shared, including when
   * both are empty).
   *
   * @param prediction the predicted answer
   * @param groundTruth the reference
   * @return the F1
   */
  public static double f1Score(String prediction, String groundTruth) {
    return tokenF1(split(normalizeText(prediction)), split(normalizeText(groundTruth)));
  }

  /**
   * DSPy's {@code hotpot_f1_score}: 0 when either side normalizes to yes, no or noanswer and they differ,
   * else token F1.
   *
   * @param prediction the predicted answer
   * @param groundTruth the reference
   * @return the F1
   */
  public static double hotpotF1Score(String prediction, String groundTruth) {
    String p = normalizeText(prediction);
    String g = normalizeText(groundTruth);
    if ((isSpecial(p) || isSpecial(g)) && !p.equals(g)) {
      return 0;
    }
    return tokenF1(split(p), split(g));
  }

  private static boolean isSpecial(String s) {
    return s.equals("yes") || s.equals("no") || s.equals("noanswer");
  }

  /**
   * DSPy's {@code precision_score}: shared tokens over prediction tokens.
   *
   * @param prediction the predicted answer
   * @param groundTruth the reference
   * @return the precision
   */
  public static double precisionScore(String prediction, String groundTruth) {
    List<String> p = split(normalizeText(prediction));
    int same = common(p, split(normalizeText(groundTruth)));
    return same == 0 ? 0 : 1.0 * same / p.size();
  }

  private static double tokenF1(List<String> p, List<String> g) {
    int same = common(p, g);
    if (same == 0) {
      return 0;
    }
    double precision = 1.0 * same / p.size();
    double recall = 1.0 * same / g.size();
    return (2 * precision * recall) / (precision + recall);
  }

  /** {@code sum((Counter(p) & Counter(g)).values())}. */
  private static int common(List<String> p, List<String> g) {
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) {
      counts.merge(t, 1, Integer::sum);
    }
    int same = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        same++;
        counts.put(t, c - 1);
      }
    }
    return same;
  }

  /**
   * DSPy's {@code normalize_text}.
   *
   * @param s the text
   * @return NFD, lowercased, without ASCII punctuation or articles, whitespace collapsed
   */
  public static String normalizeText(String s) {
    String t = Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    StringBuilder noPunct = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        noPunct.append(c);
      }
    }
    return String.join(" ", split(removeArticles(noPunct.toString())));
  }

  /** {@code re.sub(r"\b(a|an|the)\b", " ", text)} with Python's notion of a word character. */
  private static String removeArticles(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      int end = -1;
      if (boundary(text, i)) {
        for (String a : ARTICLES) {
          if (text.startsWith(a, i) && boundary(text, i + a.length())) {
            end = i + a.length();
            break;
          }
        }
      }
      if (end >= 0) {
        out.append(' ');
        i = end;
      } else {
        int cp = text.codePointAt(i);
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
    }
    return out.toString();
  }

  private static boolean boundary(String s, int at) {
    if (s.isEmpty()) {
      return false;
    }
    boolean before = at > 0 && isWord(s.codePointBefore(at));
    boolean after = at < s.length() && isWord(s.codePointAt(at));
    return before != after;
  }

  /** Python's {@code \w} on str: {@code isalnum()} or underscore. */
  private static boolean isWord(int cp) {
    if (cp == '_' || Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /** Python's {@code str.split()}: runs of {@code isspace()} characters separate, none kept. */
  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isPySpace(cp)) {
        if (start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  private static boolean isPySpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85
        || Character.getType(cp) == Character.SPACE_SEPARATOR || cp == 0x2028 || cp == 0x2029;
  }

  /**
   * DSPy's {@code DPR_normalize}: the text's DPR tokens (runs of letters, numbers and marks, or any other
   * single visible character), after NFD, lowercased.
   *
   * @param text the text
   * @return the tokens
   */
  public static List<String> dprNormalize(String text) {
    Matcher m = DPR_TOKEN.matcher(Normalizer.normalize(text, Normalizer.Form.NFD));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
