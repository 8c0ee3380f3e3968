#!/usr/bin/env python3
"""Side-by-side NER benchmark: rasd's tagger against the tools a user would pick instead.

Peers, trained here on the ANERcorp train split and scored on its test split with ONE scorer
(this file's `entities`/`score`, which mirror the Rust scorer in crates/rasd-core/src/ner/score.rs):

* python-crfsuite with a standard window/affix feature set (untuned: L-BFGS, c1=0.1, c2=0.01);
* spaCy, a blank Arabic pipeline with its NER component (default tok2vec + transition parser), CPU.

rasd is measured through its own CLI (`rasd ner eval --json`), so all three see the same gold
tokens. Everything runs on one core (thread env vars are pinned before numpy/spaCy load).

Setup (outside the repository):
    python3 -m venv /tmp/nervenv && /tmp/nervenv/bin/pip install spacy python-crfsuite
Run:
    /tmp/nervenv/bin/python scripts/ner_peers.py --data ../shared/data/ner/anercorp \
        --rasd target/release/rasd --cache /tmp/ner_peers_cache

Trained peer models are kept in --cache (with their training time), so a rerun re-measures
tagging speed and accuracy without retraining spaCy (about 16 minutes on this machine).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"


def read_conll(path):
    """Sentences of (token, tag); the tag is the last field, the rest is the token."""
    sentences, current = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if not fields:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if len(fields) == 1:
                continue
            current.append((" ".join(fields[:-1]), fields[-1]))
    if current:
        sentences.append(current)
    return sentences


def entities(tags):
    """conlleval chunks: an I- after O or another type starts an entity."""
    spans, start, kind = set(), None, None
    for index, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (prefix == "O" or begins):
            spans.add((start, index, kind))
            start, kind = None, None
        if begins:
            start, kind = index, label
    return spans


def repaired_iob(tags):
    """The same chunks as `entities`, written as valid IOB2 (spaCy rejects an I- without a B-;
    it reads BILUO, so callers convert with iob_to_biluo)."""
    tags = list(tags)
    for start, end, kind in entities(tags):
        tags[start] = "B-" + kind
        for index in range(start + 1, end):
            tags[index] = "I-" + kind
    return tags


def score(gold_sentences, predicted_sentences):
    counts = {}
    for gold, predicted in zip(gold_sentences, predicted_sentences):
        gold_spans, predicted_spans = entities(gold), entities(predicted)
        for span in gold_spans | predicted_spans:
            row = counts.setdefault(span[2], [0, 0, 0])  # correct, predicted, gold
            row[0] += span in gold_spans and span in predicted_spans
            row[1] += span in predicted_spans
            row[2] += span in gold_spans
    total = [sum(row[i] for row in counts.values()) for i in range(3)]

    def prf(row):
        p = row[0] / row[1] if row[1] else 0.0
        r = row[0] / row[2] if row[2] else 0.0
        return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": row[2]}

    result = {kind: prf(row) for kind, row in sorted(counts.items())}
    result["micro"] = prf(total)
    return result


def crf_features(words, i):
    word = words[i]
    features = [
        "bias",
        "w=" + word,
        "p2=" + word[:2],
        "p3=" + word[:3],
        "s2=" + word[-2:],
        "s3=" + word[-3:],
        "digit=%d" % word.isdigit(),
        "len=%d" % min(len(word), 10),
    ]
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(words):
            features.append("w%+d=%s" % (offset, words[j]))
            features.append("s3%+d=%s" % (offset, words[j][-3:]))
        else:
            features.append("w%+d=<pad>" % offset)
    return features


def run_crfsuite(train, test, cache):
    import pycrfsuite

    model = os.path.join(cache, "crfsuite.model")
    meta = model + ".json"
    if not os.path.exists(meta):
        trainer = pycrfsuite.Trainer(verbose=False)
        for sentence in train:
            words = [w for w, _ in sentence]
            trainer.append([crf_features(words, i) for i in range(len(words))], [t for _, t in sentence])
        trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 100})
        began = time.perf_counter()
        trainer.train(model)
        with open(meta, "w") as handle:
            json.dump({"train_seconds": time.perf_counter() - began}, handle)
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    began = time.perf_counter()
    predicted = []
    for sentence in test:
        words = [w for w, _ in sentence]
        predicted.append(tagger.tag([crf_features(words, i) for i in range(len(words))]))
    seconds = time.perf_counter() - began
    with open(meta) as handle:
        train_seconds = json.load(handle)["train_seconds"]
    return predicted, seconds, os.path.getsize(model), train_seconds


def run_spacy(train, test, cache, epochs, seed):
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example, iob_to_biluo
    from spacy.util import minibatch, compounding, fix_random_seed

    spacy.require_cpu()
    directory = os.path.join(cache, "spacy_model")
    meta = os.path.join(cache, "spacy.json")
    if not os.path.exists(meta):
        fix_random_seed(seed)
        nlp = spacy.blank("ar")
        nlp.add_pipe("ner")
        examples = []
        for sentence in train:
            doc = Doc(nlp.vocab, words=[w for w, _ in sentence])
            examples.append(Example.from_dict(doc, {"entities": iob_to_biluo(repaired_iob([t for _, t in sentence]))}))
        optimizer = nlp.initialize(lambda: examples)
        began = time.perf_counter()
        rng = random.Random(seed)
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses = {}
            for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
                nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
            print(f"spaCy epoch {epoch + 1}/{epochs} loss {losses.get('ner', 0):.1f}", file=sys.stderr, flush=True)
        train_seconds = time.perf_counter() - began
        nlp.to_disk(directory)
        with open(meta, "w") as handle:
            json.dump({"train_seconds": train_seconds, "epochs": epochs}, handle)
    nlp = spacy.load(directory)
    docs = [Doc(nlp.vocab, words=[w for w, _ in sentence]) for sentence in test]
    began = time.perf_counter()
    tagged = list(nlp.pipe(docs, batch_size=256))
    seconds = time.perf_counter() - began
    predicted = []
    for doc in tagged:
        predicted.append([
            "O" if token.ent_iob_ in ("O", "") else f"{token.ent_iob_}-{token.ent_type_}" for token in doc
        ])
    size = sum(
        os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(directory) for name in names
    )
    with open(meta) as handle:
        train_seconds = json.load(handle)["train_seconds"]
    return predicted, seconds, size, train_seconds


def run_rasd(binary, test_path):
    output = subprocess.run(
        [binary, "ner", "eval", "--test", test_path, "--json"], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="directory holding ANERCorp_reconstructed_{train,test}.txt")
    parser.add_argument("--cache", required=True, help="directory for the trained peer models")
    parser.add_argument("--rasd", help="path to a release rasd binary (omit to benchmark the peers only)")
    parser.add_argument("--spacy-epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", choices=["crfsuite", "spacy"], help="run one peer (e.g. to train spaCy early)")
    args = parser.parse_args()

    train = read_conll(os.path.join(args.data, "ANERCorp_reconstructed_train.txt"))
    test_path = os.path.join(args.data, "ANERCorp_reconstructed_test.txt")
    test = read_conll(test_path)
    gold = [[t for _, t in sentence] for sentence in test]
    tokens = sum(len(sentence) for sentence in test)
    gold_entities = sum(len(entities(tags)) for tags in gold)
    print(f"test: {len(test)} sentences, {tokens} tokens, {gold_entities} gold entities")
    os.makedirs(args.cache, exist_ok=True)

    rows = {}
    if args.only in (None, "crfsuite"):
        predicted, seconds, size, train_seconds = run_crfsuite(train, test, args.cache)
        rows["python-crfsuite"] = (score(gold, predicted), tokens / seconds, size, train_seconds)
    if args.only in (None, "spacy"):
        predicted, seconds, size, train_seconds = run_spacy(train, test, args.cache, args.spacy_epochs, args.seed)
        rows["spaCy blank ar"] = (score(gold, predicted), tokens / seconds, size, train_seconds)
    if args.rasd and args.only is None:
        report = run_rasd(args.rasd, test_path)
        rows["rasd"] = (report["scores"], report["tokens_per_second"], report["model_bytes"], None)

    print(f"{'tagger':<16} {'P':>6} {'R':>6} {'F1':>6} {'tokens/s':>10} {'model MB':>9} {'train s':>8}")
    for name, (scores, speed, size, train_seconds) in rows.items():
        micro = scores["micro"]
        trained = f"{train_seconds:8.0f}" if train_seconds is not None else f"{'-':>8}"
        print(
            f"{name:<16} {100 * micro['p']:6.1f} {100 * micro['r']:6.1f} {100 * micro['f1']:6.1f} "
            f"{speed:10.0f} {size / 1e6:9.1f} {trained}"
        )
    for name, (scores, *_rest) in rows.items():
        per_type = ", ".join(
            f"{kind} {100 * value['f1']:.1f}" for kind, value in scores.items() if kind != "micro"
        )
        print(f"{name} per type F1: {per_type}")
    if "rasd" in rows:
        ours = rows["rasd"]
        for name, (scores, speed, *_rest) in rows.items():
            if name != "rasd":
                print(
                    f"rasd vs {name}: F1 {ours[0]['micro']['f1'] / scores['micro']['f1']:.2f}x, "
                    f"tokens/s {ours[1] / speed:.1f}x"
                )


if __name__ == "__main__":
    main()
