package dev.jspy.internal.py;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays what CPython 3.11's {@code random.Random} printed (resource {@code pyrandom/vectors.json}, written
 * by {@code pyrandom/gen_vectors.py}) on {@link PyRandom}, operation by operation, for int seeds of every
 * size and sign and for str seeds.
 */
class PyRandomTest {

  @Test
  void matchesCPythonForEverySeedAndMethod() throws Exception {
    JsonNode root;
    try (InputStream in = PyRandomTest.class.getResourceAsStream("/pyrandom/vectors.json")) {
      root = JsonMapper.builder().build().readTree(in);
    }
    int checked = 0;
    for (JsonNode c : root.get("cases")) {
      String seed = c.get("seed").asString();
      PyRandom rng = c.get("kind").asString().equals("int")
          ? new PyRandom(new BigInteger(seed))
          : new PyRandom(seed);
      int step = 0;
      for (JsonNode op : c.get("ops")) {
        String where = "seed " + c.get("kind").asString() + " " + seed + ", step " + step++ + ": " + op;
        JsonNode a = op.get("args");
        JsonNode want = op.get("result");
        switch (op.get("op").asString()) {
          case "random":
            assertWithMessage(where).that(PyFloat.repr(rng.random())).isEqualTo(want.asString());
            break;
          case "getrandbits":
            assertWithMessage(where).that(rng.getrandbits(a.get(0).asInt()).toString()).isEqualTo(want.asString());
            break;
          case "randbelow":
            assertWithMessage(where).that(rng.randbelow(a.get(0).asLong())).isEqualTo(want.asLong());
            break;
          case "randrange": {
            long got = a.size() == 1 ? rng.randrange(a.get(0).asLong())
                : a.size() == 2 ? rng.randrange(a.get(0).asLong(), a.get(1).asLong())
                : rng.randrange(a.get(0).asLong(), a.get(1).asLong(), a.get(2).asLong());
            assertWithMessage(where).that(got).isEqualTo(want.asLong());
            break;
          }
          case "randint":
            assertWithMessage(where).that(rng.randint(a.get(0).asLong(), a.get(1).asLong())).isEqualTo(want.asLong());
            break;
          case "choice":
            assertWithMessage(where).that(rng.choice(range(a.get(0).asInt()))).isEqualTo(want.asInt());
            break;
          case "shuffle": {
            List<Integer> x = range(a.get(0).asInt());
            rng.shuffle(x);
            assertWithMessage(where).that(x).isEqualTo(ints(want));
            break;
          }
          case "sample": {
            List<Integer> population = range(a.get(0).asInt());
            List<Integer> copy = new ArrayList<>(population);
            assertWithMessage(where).that(rng.sample(population, a.get(1).asInt())).isEqualTo(ints(want));
            assertWithMessage(where + " left the population unchanged").that(population).isEqualTo(copy);
            break;
          }
          default:
            throw new AssertionError("unknown op in vectors.json: " + op);
        }
        checked++;
      }
    }
    assertWithMessage("vectors replayed").that(checked).isEqualTo(854);
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toCollection(ArrayList::new));
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asInt()));
    return out;
  }
}
