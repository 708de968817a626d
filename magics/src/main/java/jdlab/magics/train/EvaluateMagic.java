package jdlab.magics.train;

import jdlab.api.KernelContext;
import jdlab.api.Stacked;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.train.Evaluation;

/** {@code %evaluate}: a trained model's loss and accuracy on test data, with its confusion matrix. */
public final class EvaluateMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("evaluate",
                    "Score a trained model on test data: loss, accuracy and the confusion matrix (table and heatmap).")
            .positional("model", "a variable holding a trained DJL Block or Model").variable(Object.class)
            .option("data", 'd', String.class, null, "a variable holding the test data: Examples, a DJL Dataset or a"
                    + " Tablesaw Table (encoded as the model's training table was)").variable(Object.class).required()
            .option("result", '\0', String.class, null, "a variable to hold the jdlab.train.Evaluation, e.g. for"
                    + " its misclassified() examples").newVariable("jdlab.train.Evaluation")
            .notes("Example: %evaluate net --data test --result scores")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        Evaluation evaluation;
        try {
            evaluation = Evaluation.of(args.get("model", Object.class), args.get("data", Object.class));
        } catch (IllegalArgumentException e) {
            throw new UsageException("%evaluate: " + e.getMessage());
        }
        args.declare("result", evaluation, context);
        if (evaluation.examples().classes() == 0) {
            return evaluation.toString();
        }
        return Stacked.of(evaluation.toString(), evaluation.confusionTable(), evaluation.heatmap());
    }
}
