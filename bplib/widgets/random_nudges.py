"""RandomNudges: the slow learner of notebook 01 beside gradient descent, per forward pass.

Both curves show the error on all the data against forward passes spent; a gradient
step on one example is charged 2 forward passes (forward + backward, which the benchmark
measures at about 2x a forward pass). The nudge learner's run at a nudge size is made
the first time that size is shown, for the largest number of tries, with a progress bar
while it runs (about 0.3 s on an idle machine), and kept: a run with fewer tries is the
start of that run (same seed), so the tries slider only cuts the curve.
"""
import ipywidgets as widgets
import numpy as np

from .. import style
from ..data import moons
from ..network import Network
from ..nudge import nudge_train
from .base import SLIDER, Explorer


class RandomNudges(Explorer):
    """Nudge size and tries: the error against forward passes, beside gradient descent."""

    SIZES = (0.01, 0.03, 0.1, 0.3, 1.0)
    RECORD_EVERY = 50

    def __init__(self, sizes=(2, 3, 1), n=200, max_tries=6000, seed=0):
        super().__init__()
        data = moons(n=n, seed=seed)
        self.x, self.y = data.x_train, data.y_train
        self.seed, self.max_tries = seed, max_tries
        self.start = Network(list(sizes), "sigmoid", seed=seed)
        self.runs = {}  # nudge size -> NudgeHistory of max_tries tries
        gd = self.start.copy()
        h = gd.train(self.x, self.y, epochs=max(1, max_tries // self.x.shape[1]),
                     batch_size=1, eta=0.5, seed=seed, progress=False)
        self.gd_passes = 2 * np.array(h.examples)
        self.gd_loss = np.array(h.loss)
        self.size = widgets.SelectionSlider(options=self.SIZES, value=0.1,
                                            description="nudge size", **SLIDER)
        self.tries = widgets.IntSlider(value=max_tries, min=self.RECORD_EVERY, max=max_tries,
                                       step=self.RECORD_EVERY, description="tries", **SLIDER)
        self.progress = widgets.IntProgress(value=0, min=0, max=max_tries,
                                            description="nudging")
        with self.styled():
            ax = self.fig.add_subplot()
            (self.nudge_line,) = ax.plot([], [], color=style.NUDGE, label="random nudges")
            ax.plot(self.gd_passes, self.gd_loss, color=style.BACKPROP,
                    label="gradient descent (η = 0.5)")
            ax.set_xlabel("forward passes spent")
            ax.set_ylabel("error on all the data")
            ax.set_title("same net, same data: which learner spends its passes better?")
            ax.legend(loc="upper right")
        self._animate(self.nudge_line)
        # one pass to measure each sample plus one per try: at most 2 * max_tries
        ax.set_xlim(0, max(2 * max_tries, self.gd_passes[-1]))
        ax.set_ylim(0, 1.3 * self.gd_loss.max())  # the top third keeps the legend clear
        self.ax = ax
        self._watch(self.size, self.tries)
        self.update()

    def controls(self):
        return [self.size, self.tries, self.progress]

    def run(self, size):
        """The nudge learner's whole run at this nudge size (made once, then kept)."""
        if size not in self.runs:
            self.progress.value = 0

            def moved(done, _tries):
                if done % (10 * self.RECORD_EVERY) == 0 or done == self.max_tries:
                    self.progress.value = done

            self.runs[size] = nudge_train(self.start.copy(), self.x, self.y, self.max_tries,
                                          size=size, seed=self.seed,
                                          record_every=self.RECORD_EVERY, on_record=moved)
        self.progress.value = self.max_tries
        return self.runs[size]

    def update(self):
        run = self.run(self.size.value)
        redraw = max(run.loss) > self.ax.get_ylim()[1] / 1.3
        if redraw:  # this run climbs above the axes: widen them once
            self.ax.set_ylim(0, 1.3 * max(run.loss))
        shown = int(self.tries.value) // self.RECORD_EVERY + 1  # the records, plus the start
        passes = np.array(run.forward_passes[:shown])
        loss = np.array(run.loss[:shown])
        self.nudge_line.set_data(passes, loss)
        self._show({"nudge size": float(self.size.value), "tries": int(self.tries.value),
                    "forward passes (nudges)": int(passes[-1]),
                    "error after nudges": float(loss[-1]),
                    "gradient descent, same passes":
                        float(np.interp(passes[-1], self.gd_passes, self.gd_loss))},
                   redraw=redraw)
