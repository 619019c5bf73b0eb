package dev.elman.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One golden fixture written by tools/make_optim_fixtures.py: lines {@code key token token ...}; see the script's
 * header for the keys.
 */
final class Fixture {
    static final String DIR = "/fixtures/optim/";

    final String name;
    final String kind;
    final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, String[]> lines = new LinkedHashMap<>();

    private Fixture(String name, BufferedReader in) throws IOException {
        this.name = name;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.trim().split(" ");
            if (lines.put(tokens[0], Arrays.copyOfRange(tokens, 1, tokens.length)) != null) {
                throw new IOException(name + ":" + lineNo + ": duplicate key " + tokens[0]);
            }
        }
        for (String kv : tokens("config")) {
            int eq = kv.indexOf('=');
            config.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        kind = tokens("kind")[0];
    }

    /** Loads {@code <name>.txt} from the fixture directory on the test class path. */
    static Fixture load(String name) {
        String resource = DIR + name + ".txt";
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing fixture " + resource);
            }
            return new Fixture(name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names (without .txt) of all fixtures whose file name starts with one of {@code prefixes}, sorted. */
    static Stream<String> names(String... prefixes) {
        URL url = Fixture.class.getResource(DIR);
        if (url == null) {
            throw new IllegalStateException("fixture directory " + DIR + " not on the class path");
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".txt")).sorted().forEach(f -> {
                for (String prefix : prefixes) {
                    if (f.startsWith(prefix)) {
                        out.add(f.substring(0, f.length() - 4));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out.stream();
    }

    /** Keys starting with {@code prefix}, in file order. */
    List<String> keys(String prefix) {
        return lines.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    String[] tokens(String key) {
        String[] t = lines.get(key);
        if (t == null) {
            throw new IllegalArgumentException(name + ": no line '" + key + "'");
        }
        return t;
    }

    float[] floats(String key) {
        String[] t = tokens(key);
        float[] out = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Float.parseFloat(t[i]);
        }
        return out;
    }

    double[] doubles(String key) {
        String[] t = tokens(key);
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Double.parseDouble(t[i]);
        }
        return out;
    }

    double scalar(String key) {
        return doubles(key)[0];
    }

    /** A config option as a double, or {@code dflt} when absent. */
    double option(String key, double dflt) {
        String v = config.get(key);
        return v == null ? dflt : Double.parseDouble(v);
    }
}
