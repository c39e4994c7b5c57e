"""The supervised title → occupation classifier: character n-grams and a linear model.

Trained on the public title data the project has: each occupation's name, its 2022 工种, the
market titles mapped to it (MOHRSS 2026), the everyday and English titles of the glossary, and
synthetic noisy variants of all of them — an employer before the job, 招聘/急招, a place, pay,
perks, a level word, an id — cleaned by the same title normaliser the queries go through, so the
classifier learns to ignore what normalisation leaves behind.

Two scikit-learn ``SGDClassifier`` (modified Huber loss, one-vs-rest) share one sublinear TF-IDF
space of 1–3-character n-grams: one over the 1,631 occupations (it knows the titles it was
shown), one over the minor groups of the classification (it generalises to a title never seen
through the titles of the occupation's neighbours). The fitted weights are kept term-major and
sparse (weights below ``PRUNE`` are dropped) so a query reads only the rows of its own n-grams.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier
from threadpoolctl import threadpool_limits

from vocmatch.matching.engine.titles import TitleNormaliser
from vocmatch.matching.engine.vectors import TfidfSpace
from vocmatch.matching.engine.vocab import OCC_NAME
from vocmatch.matching.fitting.documents import Titles
from vocmatch.matching.fitting.vocabulary import fit_vocabulary
from vocmatch.matching.text import normalise

NGRAMS = (1, 3)
VARIANTS = 1  # noisy variants per title
PRUNE = 0.02  # |weight| below this is dropped from the saved model
ALPHA = 1e-5  # L2 strength of both classifiers
EPOCHS = 5
WEIGHT = {"name": 2.0, "title": 1.0, "variant": 0.5}

# Pieces of synthetic noise. Employers are made of a place, a brand and a trade, with or
# without a legal form; the normaliser removes the legal ones, the rest is what it may miss.
_BRANDS = ("华鑫", "金达", "恒泰", "宏远", "力拓", "中科", "东方", "鑫源", "瑞丰", "联创", "永盛")
_TRADES = (
    "五金制品",
    "电子科技",
    "新材料",
    "机械制造",
    "食品",
    "物流",
    "汽配",
    "塑胶",
    "服装",
    "精密",
    "实业",
    "餐饮",
)
_LEGAL = ("有限公司", "股份有限公司", "集团", "厂", "")
_PLACES = ("赣州", "赣县", "深圳", "东莞", "南康", "江西", "广州")
_PAY = ("5000-8000元/月", "月薪6k-9k", "8000元以上", "底薪3000+提成", "150元/天")
_PERKS = ("（包吃住）", "（五险一金）", "【长白班】", "(两班倒)", "（双休）", "急缺")
_RECRUIT = ("招聘", "急招", "诚聘", "直招")
_LEVELS = ("学徒", "师傅", "技师", "主管", "组长", "熟练")
_IDS = ("#1024", "-03", "编号a17")


def noisy(title: str, rng: random.Random) -> str:
    """Return ``title`` padded the way job boards pad titles (two or three kinds of noise)."""
    out = title
    kinds = rng.sample(("employer", "recruit", "place", "pay", "perk", "level", "id"), 3)
    for kind in kinds:
        if kind == "employer":
            name = rng.choice(_BRANDS) + rng.choice(_TRADES) + rng.choice(_LEGAL)
            out = name + rng.choice(("", " ", "·")) + out
        elif kind == "recruit":
            out = rng.choice(_RECRUIT) + out
        elif kind == "place":
            out = rng.choice(_PLACES) + rng.choice(("", "·", "-")) + out
        elif kind == "pay":
            out = out + " " + rng.choice(_PAY)
        elif kind == "perk":
            out = out + rng.choice(_PERKS)
        elif kind == "level":
            level = rng.choice(_LEVELS)
            out = level + out if rng.random() < 0.3 else out + level
        else:
            out = out + rng.choice(_IDS)
    return out


@dataclass
class TrainingSet:
    """Texts, their occupation index and sample weights."""

    texts: list[str]
    labels: list[int]
    weights: list[float]


def training_set(titles: Titles, normaliser: TitleNormaliser, seed: int = 0) -> TrainingSet:
    """Return the classifier's examples: every title, and noisy variants cleaned like queries."""
    rng = random.Random(seed)
    out = TrainingSet([], [], [])
    flat = (t for own in titles.by_occupation for t in own)
    for title, text, occ, kind in zip(
        flat, titles.texts, titles.occupation, titles.kinds, strict=True
    ):
        out.texts.append(text)
        out.labels.append(occ)
        out.weights.append(WEIGHT["name"] if kind == OCC_NAME else WEIGHT["title"])
        for _ in range(VARIANTS):
            clean = normaliser.clean(normalise(noisy(title, rng)))
            out.texts.append(clean.core_text or title)
            out.labels.append(occ)
            out.weights.append(WEIGHT["variant"])
    return out


@dataclass
class FittedClassifier:
    """The two classifiers as the runtime reads them."""

    vocabulary: list[str]
    idf: np.ndarray
    coef: sp.csr_matrix  # n-grams × occupations, pruned
    intercept: np.ndarray
    group_coef: sp.csr_matrix  # n-grams × minor groups, pruned
    group_intercept: np.ndarray


def _fit_one(
    X: sp.csr_matrix, y: np.ndarray, weights: np.ndarray, n_classes: int, epochs: int
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Return ``(pruned n-grams × classes weights, intercepts)`` of one SGD classifier."""
    clf = SGDClassifier(
        loss="modified_huber", alpha=ALPHA, max_iter=epochs, tol=None, random_state=0
    )
    with threadpool_limits(limits=1):
        clf.fit(X, y, sample_weight=weights)
    rows, cols, vals = [], [], []
    for start in range(0, len(clf.classes_), 256):  # prune in slices: no second dense copy
        block = clf.coef_[start : start + 256]
        r, c = np.nonzero(np.abs(block) >= PRUNE)
        rows.append(c)  # n-gram
        cols.append(clf.classes_[start + r])
        vals.append(block[r, c].astype(np.float32))
    coef = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(X.shape[1], n_classes),
    )
    intercept = np.full(n_classes, -10.0, np.float32)  # a class never shown is never chosen
    intercept[clf.classes_] = clf.intercept_
    return coef, intercept


def fit_classifier(data: TrainingSet, occupation_group: np.ndarray) -> FittedClassifier:
    """Return the title classifiers fitted on ``data`` (labels are occupation indices)."""
    vocabulary, idf = fit_vocabulary(data.texts, NGRAMS)
    space = TfidfSpace({t: i for i, t in enumerate(vocabulary)}, idf, NGRAMS)
    X = space.many(data.texts)
    y = np.asarray(data.labels)
    weights = np.asarray(data.weights)
    coef, intercept = _fit_one(X, y, weights, len(occupation_group), EPOCHS)
    group_coef, group_intercept = _fit_one(
        X, occupation_group[y], weights, int(occupation_group.max()) + 1, EPOCHS
    )
    return FittedClassifier(vocabulary, idf, coef, intercept, group_coef, group_intercept)
