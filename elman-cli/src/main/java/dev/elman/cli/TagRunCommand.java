package dev.elman.cli;

import dev.elman.nlp.conllu.ConlluReader;
import dev.elman.nlp.conllu.ConlluWriter;
import dev.elman.nlp.conllu.Sentence;
import dev.elman.nlp.conllu.SlashWriter;
import dev.elman.nlp.tagger.TaggerModel;
import dev.elman.nlp.tagger.TaggerModelFile;
import dev.elman.nlp.tagger.TaggerSession;
import dev.elman.nlp.tagger.Tagging;
import dev.elman.nlp.text.RawSentence;
import dev.elman.nlp.text.RawTextReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code elman tag run}: tags a stream. Input is raw text (English: sentence splitting and the rule-based
 * tokenizer; {@code --pretokenized}: one sentence per line, tokens separated by spaces, e.g. segmented Chinese) or
 * CoNLL-U. Sentences are tagged in small groups as they arrive, so memory stays constant on any input length.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Tag text or CoNLL-U from a file or stdin.")
final class TagRunCommand implements Callable<Integer> {
    private static final int GROUP = 64;

    @Option(names = "--model", required = true)
    Path model;
    @Option(names = "--input", description = "input file (default: standard input)")
    Path input;
    @Option(names = "--input-format", defaultValue = "text", description = "text or conllu")
    String inputFormat;
    @Option(names = "--pretokenized", description = "text input is one sentence per line, space-separated tokens")
    boolean pretokenized;
    @Option(names = "--format", defaultValue = "slash", description = "output: slash (我/PRON 吃/VERB) or conllu")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("slash") && !format.equals("conllu")) {
            throw new IllegalArgumentException("--format must be slash or conllu, got " + format);
        }
        TaggerModel m = TaggerModelFile.load(model, Engine.kernels()).freeze();
        TaggerSession session = m.newSession();
        Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        Reader in = input == null ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(input, StandardCharsets.UTF_8);
        try (in) {
            Output out = format.equals("slash") ? new SlashOutput(new SlashWriter(w))
                    : new ConlluOutput(new ConlluWriter(w), m);
            List<Sentence> group = new ArrayList<>();
            if (inputFormat.equals("conllu")) {
                ConlluReader r = new ConlluReader(in, input == null ? "<stdin>" : input.toString());
                Sentence s;
                while ((s = r.read()) != null) {
                    group.add(s);
                    if (group.size() == GROUP) {
                        flush(group, m, session, out);
                    }
                }
            } else if (inputFormat.equals("text")) {
                RawTextReader r = pretokenized ? RawTextReader.pretokenized(in) : RawTextReader.english(in);
                RawSentence s;
                while ((s = r.read()) != null) {
                    if (s.tokens().isEmpty()) {
                        continue;
                    }
                    List<String> comments = s.paragraphStart() ? List.of("# newpar", "# text = " + s.text())
                            : List.of("# text = " + s.text());
                    group.add(Sentence.ofForms(comments, s.tokens()));
                    if (group.size() == GROUP) {
                        flush(group, m, session, out);
                    }
                }
            } else {
                throw new IllegalArgumentException("--input-format must be text or conllu, got " + inputFormat);
            }
            flush(group, m, session, out);
            w.flush();
        }
        return 0;
    }

    private static void flush(List<Sentence> group, TaggerModel m, TaggerSession session, Output out)
            throws IOException {
        List<List<String>> forms = new ArrayList<>();
        for (Sentence s : group) {
            forms.add(s.forms());
        }
        List<List<String>> tags = Tagging.tag(m, session, forms, Integer.MAX_VALUE);
        for (int i = 0; i < group.size(); i++) {
            out.write(group.get(i), tags.get(i));
        }
        out.flush();
        group.clear();
    }

    private interface Output {
        void write(Sentence s, List<String> tags) throws IOException;

        void flush() throws IOException;
    }

    /** One sentence per line; a blank line where a new paragraph starts (UD's {@code # newpar}). */
    private static final class SlashOutput implements Output {
        private final SlashWriter w;
        private boolean first = true;

        SlashOutput(SlashWriter w) {
            this.w = w;
        }

        public void write(Sentence s, List<String> tags) throws IOException {
            if (!first && s.comments().stream().anyMatch(c -> c.startsWith("# newpar"))) {
                w.writeBlankLine();
            }
            first = false;
            w.write(s.forms(), tags);
        }

        public void flush() throws IOException {
            w.flush();
        }
    }

    private record ConlluOutput(ConlluWriter w, TaggerModel m) implements Output {
        public void write(Sentence s, List<String> tags) throws IOException {
            w.write(s.withTags(m.config().column(), tags));
        }

        public void flush() throws IOException {
            w.flush();
        }
    }
}
