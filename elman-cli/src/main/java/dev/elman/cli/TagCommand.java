package dev.elman.cli;

import picocli.CommandLine.Command;

/** {@code elman tag}: the part-of-speech tagger. */
@Command(name = "tag", mixinStandardHelpOptions = true, description = "Part-of-speech tagging with an Elman RNN.",
        subcommands = {TagTrainCommand.class, TagEvalCommand.class, TagRunCommand.class})
final class TagCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
