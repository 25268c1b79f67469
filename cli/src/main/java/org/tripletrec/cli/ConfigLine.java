package org.tripletrec.cli;

import java.util.Locale;

import org.tripletrec.train.AnchorOrder;
import org.tripletrec.train.Loss;
import org.tripletrec.train.TrainerConfig;

/** The line a trainer prints before training: the preset and the settings that shape the run. */
public final class ConfigLine {
    private ConfigLine() {}

    /** {@code training: preset default; dim 64, 20 epochs, sampler ..., seed 1}. */
    public static String of(String preset, TrainerConfig c) {
        return String.format(Locale.ROOT,
                "training: preset %s; dim %d, %d epochs, sampler %s%s, loss %s%s, %s lr %s, batch %d,%s threads %d,"
                        + " seed %d%s",
                preset, c.dim(), c.epochs(), c.sampler(), channels(c), c.loss().label(),
                c.loss() == Loss.MARGIN ? " " + c.margin() : "",
                c.optimizer().label(), c.learningRate(), c.batchSize(),
                (c.itemBias() ? " item bias," : "") + (c.userReg() > 0 || c.itemReg() > 0
                        ? " L2 " + c.userReg() + "/" + c.itemReg() + "," : ""),
                c.threads(), c.seed(),
                c.order() == AnchorOrder.SHUFFLED ? "" : ", order " + c.order().label());
    }

    /**
     * The channels beside the main model as the line shows them, {@code " + 0.5*exposure + 2.0*preference
     * channels"}; empty without any.
     */
    public static String channels(TrainerConfig c) {
        if (!c.hasChannels()) {
            return "";
        }
        return " + " + (c.exposureWeight() > 0 ? c.exposureWeight() + "*exposure" : "")
                + (c.exposureWeight() > 0 && c.dislikeWeight() > 0 ? " + " : "")
                + (c.dislikeWeight() > 0 ? c.dislikeWeight() + "*preference" : "")
                + " channel" + (c.exposureWeight() > 0 && c.dislikeWeight() > 0 ? "s" : "")
                + channelParams(c);
    }

    /** {@code " (bpr, lr 0.099, L2 0.042/0.016)"}: what the channels set of their own; empty when nothing. */
    private static String channelParams(TrainerConfig c) {
        if (!c.hasChannelParams()) {
            return "";
        }
        TrainerConfig side = c.forChannel();
        return " (" + side.loss().label() + ", lr " + side.learningRate() + ", L2 " + side.userReg() + "/"
                + side.itemReg() + ")";
    }
}
