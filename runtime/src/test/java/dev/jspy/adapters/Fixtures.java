package dev.jspy.adapters;

import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import dev.jspy.signature.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small signatures and types for the adapter tests, built by hand as generated code would build them. */
final class Fixtures {
  private Fixtures() {}

  enum Label {
    POSITIVE,
    NEGATIVE,
    NEUTRAL
  }

  static final FieldType<Label> LABEL = FieldType.enumOf("Label", Label.values());

  /** DSPy test's {@code Address(city, country)} (also its {@code Location}). */
  record Place(String city, String country) {}

  static FieldType<Place> place(String pythonName) {
    return FieldType.record(
        pythonName,
        List.of(FieldType.component("city", FieldType.STRING), FieldType.component("country", FieldType.STRING)),
        v -> new Place(v.get(0), v.get(1)),
        p -> new Object[] {p.city(), p.country()});
  }

  /** DSPy test's {@code Person(name, address, tags)} (also its {@code Profile(name, location, interests)}). */
  record Someone(String name, Place place, List<String> tags) {}

  static FieldType<Someone> someone(String pythonName, String placeName, String placeType, String tagsName) {
    return FieldType.record(
        pythonName,
        List.of(
            FieldType.component("name", FieldType.STRING),
            FieldType.component(placeName, place(placeType)),
            FieldType.component(tagsName, FieldType.list(FieldType.STRING))),
        v -> new Someone(v.get(0), v.get(1), v.get(2)),
        p -> new Object[] {p.name(), p.place(), p.tags()});
  }

  /** DSPy test's {@code Summary(headline, score)}. */
  record Summary(String headline, double score) {}

  static final FieldType<Summary> SUMMARY = FieldType.record(
      "Summary",
      List.of(FieldType.component("headline", FieldType.STRING), FieldType.component("score", FieldType.DOUBLE)),
      v -> new Summary(v.get(0), v.get(1)),
      s -> new Object[] {s.headline(), s.score()});

  record AnswerCard(String answer, List<String> sources) {}

  static final FieldType<AnswerCard> ANSWER_CARD = FieldType.record(
      "AnswerCard",
      List.of(FieldType.component("answer", FieldType.STRING), FieldType.component("sources", FieldType.list(FieldType.STRING))),
      v -> new AnswerCard(v.get(0), v.get(1)),
      a -> new Object[] {a.answer(), a.sources()});

  record Address(String city, int zipCode) {}

  static final FieldType<Address> ADDRESS = FieldType.record(
      "Address",
      List.of(FieldType.component("city", FieldType.STRING), FieldType.component("zip_code", FieldType.INT)),
      v -> new Address(v.get(0), v.get(1)),
      a -> new Object[] {a.city(), a.zipCode()});

  record Person(String name, Address home, Optional<String> nick, Label mood, List<String> tags) {}

  static final FieldType<Person> PERSON = FieldType.record(
      "Person",
      List.of(
          FieldType.component("name", FieldType.STRING),
          FieldType.component("home", ADDRESS),
          FieldType.component("nick", FieldType.optional(FieldType.STRING)),
          FieldType.component("mood", LABEL),
          FieldType.component("tags", FieldType.list(FieldType.STRING))),
      v -> new Person(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
      p -> new Object[] {p.name(), p.home(), p.nick(), p.mood(), p.tags()});

  /** A signature builder whose records are plain arrays of field values. */
  static SignatureSpec.Builder<Object[], Object[]> signature(String name, String instructions) {
    return SignatureSpec.<Object[], Object[]>builder(name)
        .instructions(instructions)
        .inputValues(x -> x)
        .outputs(Fixtures::toArray)
        .outputValues(x -> x);
  }

  private static Object[] toArray(Values v) {
    Object[] out = new Object[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }

  /** An ordered map that, unlike {@code Map.of}, keeps order and accepts {@code null} values. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
