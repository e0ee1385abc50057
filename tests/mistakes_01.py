"""Typical wrong answers to notebook 01 (random nudges), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_nudges import nudge_flipped, nudge_in_place, nudge_less_or_equal


def nudges_mirror(error_fn, params, tries, size, rng):
    # tries the mirror step -change whenever +change fails
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        i, change = rng.integers(params.size), rng.uniform(-size, size)
        for c in (change, -change):
            trial = params.copy()
            trial[i] += c
            if error_fn(trial) < error:
                params, error = trial, error_fn(trial)
                break
        errors.append(error)
    return params, np.array(errors)


WRONG = [
    Wrong("nudge-once-tests", "keeps a change that raised the error", {"nudge_once": nudge_flipped},
          "made the error worse"),
    Wrong("nudge-once-tests", "keeps ties", {"nudge_once": nudge_less_or_equal}, "strictly"),
    Wrong("nudge-once-tests", "nudges the caller's array", {"nudge_once": nudge_in_place}, "caller"),
    Wrong("random-nudges-tests", "tries the mirror step too", {"random_nudges": nudges_mirror},
          "mirror"),
]
