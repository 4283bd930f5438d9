"""scripts/eval_held_out.py: the closure figure's interval, and the larger test-only corpus it
documents holds only held-out utterances, a superset of the training corpus's test split."""

import importlib.util
from pathlib import Path

import pytest

from portraittalker.speech.corpus import CorpusConfig, plan_jobs
from portraittalker.speech.voices import HELD_OUT_ENGINE


def _script():
    spec = importlib.util.spec_from_file_location("eval_held_out", Path(__file__).parent.parent / "scripts/eval_held_out.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wilson_interval_of_a_share():
    wilson = _script().wilson_interval
    assert wilson(86, 100) == pytest.approx((0.7786, 0.9147), abs=1e-3)
    lo, hi = wilson(319, 371)   # 86% of the training corpus's held-out closures: about ±3.5 points
    assert 0.82 < lo < 0.83 and 0.89 < hi < 0.90
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0 and wilson(0, 0) == (0.0, 1.0)


def test_the_test_only_corpus_is_a_held_out_superset_of_the_default_test_split():
    big = plan_jobs(CorpusConfig(sentences_per_language=0, engines=("espeak",), held_out_engine_sentences=200,
                                 held_out_variant_sentences=100))
    default_test = [j for j in plan_jobs(CorpusConfig()) if j.split == "test"]
    assert {j.split for j in big} == {"test"} and len(big) == 200 + 4 * 100
    assert set(default_test) <= set(big)
    assert {j.engine for j in big} == {HELD_OUT_ENGINE, "espeak"}
