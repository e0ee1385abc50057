"""Notebook 03-deltas: its named mistakes by exercise, as (id, phrase, label)."""
NOTEBOOK = "03-deltas"

NAMED = {
    "output-deltas-tests": [
        ("label-out", "every entry has the wrong sign", "label - out"),
        ("keeps-the-1-2", "half the right size", "keeps the 1/2"),
        ("returns-the-square", "the error itself", "returns the square"),
        ("label-out-and-the-1-2", "wrong sign and half the size", "label - out and the 1/2"),
        ("absolute-value", "absolute value", "absolute value"),
        ("averages-over-the-examples", "do not sum or average", "averages over the examples"),
        ("sums-over-the-neurons", "summed over the output neurons", "sums over the neurons"),
        ("flattens-the-column", "flat", "flattens the column"),
    ],
    "hidden-deltas-tests": [
        ("no-transpose", "the transpose is missing", "no transpose"),
        ("one-outgoing-path", "only one outgoing path", "one outgoing path"),
        ("straight-across", "straight-across path", "straight across"),
        ("delta-t-w", "rows and columns are swapped", "delta^T w"),
        ("sums-the-rows", "summed the rows of w_next", "sums the rows"),
        ("wrong-sign", "every entry has the wrong sign", "wrong sign"),
        ("elementwise-product", "elementwise", "elementwise product"),
        ("sums-over-the-examples", "over the examples", "sums over the examples"),
        ("flattens-the-column", "flat", "flattens the column"),
    ],
    "update-tests": [
        ("moves-uphill", "moved uphill", "moves uphill"),
        ("no-learning-rate", "the learning rate is missing", "no learning rate"),
        ("eta-twice", "applied twice", "eta twice"),
        ("a-delta-t", "the outer product is transposed", "a delta^T"),
        ("returns-the-change", "the change in the weights", "returns the change"),
        ("returns-the-slopes", "you returned the slopes", "returns the slopes"),
        ("inner-product", "inner product", "inner product"),
    ],
    "train-step-linear-tests": [
        ("deltas-from-updated-weights", "already been updated", "deltas from updated weights"),
        ("label-out", "label - out", "label - out"),
        ("pairs-delta-l-with-a-l", "pair delta^l with a^l", "pairs delta^l with a^l"),
        ("delta-l-through-weights-l", "came back through the wrong weight matrix",
         "delta^l through weights[l]"),
        ("layer-1-never-moves", "did not move", "layer 1 never moves"),
        ("no-entry-0", "entry 0 = None", "no entry 0"),
        ("layers-in-reverse-order", "reverse order", "layers in reverse order"),
        ("no-learning-rate", "learning rate is missing", "no learning rate"),
    ],
}
