package org.tripletrec.cli;

import java.util.Locale;

import org.tripletrec.data.RatingsFormat;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.train.Loss;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.Presets;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value converters that check values while the command line is parsed, so that a typo fails at once
 * (exit 2, one line) instead of after loading a data set. Core's own messages are passed on unchanged.
 */
public final class Converters {
    private Converters() {}

    private static TypeConversionException rejected(IllegalArgumentException e) {
        return new TypeConversionException(e.getMessage());
    }

    static final class Preset implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.strip().toLowerCase(Locale.ROOT);
            if (!Presets.NAMES.contains(name)) {
                throw new TypeConversionException("unknown preset '" + value + "' (" + String.join(", ", Presets.NAMES) + ")");
            }
            return name;
        }
    }

    static final class Sampler implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Samplers.validate(value);
                return value.strip();
            } catch (IllegalArgumentException e) {
                throw rejected(e);
            }
        }
    }

    static final class LossName implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String value) {
            try {
                return Loss.parse(value.strip());
            } catch (IllegalArgumentException e) {
                throw rejected(e);
            }
        }
    }

    static final class Optimizer implements ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String value) {
            try {
                return OptimizerKind.parse(value.strip());
            } catch (IllegalArgumentException e) {
                throw rejected(e);
            }
        }
    }

    /** A split spec ({@link SplitSpec#parse}); public for commands outside this module with a split option. */
    public static final class Split implements ITypeConverter<SplitSpec> {
        @Override
        public SplitSpec convert(String value) {
            try {
                return SplitSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw rejected(e);
            }
        }
    }

    /** A column name or 1-based position. */
    static final class Column implements ITypeConverter<RatingsFormat.Column> {
        @Override
        public RatingsFormat.Column convert(String value) {
            try {
                return RatingsFormat.Column.parse(value);
            } catch (IllegalArgumentException e) {
                throw rejected(e);
            }
        }
    }
}
