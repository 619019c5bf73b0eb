package dev.elman.optim;

import dev.elman.nn.Param;

import java.util.List;

/** The immutable hyper-parameters of one optimiser; {@link #create} builds an optimiser over parameters. */
public sealed interface OptimizerConfig permits SgdConfig, AdagradConfig, RmsPropConfig, AdamConfig {

    /** The initial learning rate. */
    double lr();

    /** A new optimiser with zero state over {@code params} (their live value and gradient arrays). */
    Optimizer create(List<Param<float[]>> params);
}
