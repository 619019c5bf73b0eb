package dev.elman.cli;

import picocli.CommandLine.Command;

/** {@code elman lm}: the character-level language model. */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "Character-level language model (char-rnn's job with a vanilla Elman RNN).",
        subcommands = {LmTrainCommand.class, LmSampleCommand.class, LmEvalCommand.class})
final class LmCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }
}
