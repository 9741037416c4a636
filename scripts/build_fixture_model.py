#!/usr/bin/env python3
"""Build the tiny but genuine German→English Argos package used as a test fixture.

It is *not* a translator: it is a 4-layer transformer trained from scratch, in a few minutes on
the CPU, to reproduce the sample article's reference translation and a few dozen short pairs
(corpora/huawei-att.gold.tsv and corpora/fixture_pairs.tsv). What matters is that it goes
through exactly the code path of a real Argos package: the same zip layout
(one top-level folder with metadata.json, model/ as a CTranslate2 model and
sentencepiece.model), SentencePiece pieces in, pieces out, no source EOS.

Build-time requirements (the `fixture` extra, never runtime or test dependencies)::

    pip install torch==2.13.0 transformers ctranslate2 sentencepiece

Usage::

    python scripts/build_fixture_model.py -o tests/fixtures/translate-de_en-fixture-1_0.argosmodel

Training is seeded; the result is checked before it is written: CTranslate2 with beam 4 must
reproduce every gold reference of the sample article from its normalised German.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate.normalise import normalise  # noqa: E402

PACKAGE_NAME = "translate-de_en-fixture-1_0"


def load_pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    def rows(path: Path, de: str, en: str) -> list[tuple[str, str]]:
        with path.open(encoding="utf-8", newline="") as f:
            return [(normalise(r[de]), normalise(r[en])) for r in csv.DictReader(f, delimiter="\t")]

    gold = rows(ROOT / "corpora" / "huawei-att.gold.tsv", "de", "en_reference")
    extra = rows(ROOT / "corpora" / "fixture_pairs.tsv", "de", "en")
    return gold, extra


def train_sentencepiece(texts: list[str], workdir: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    corpus = workdir / "spm_corpus.txt"
    corpus.write_text("\n".join(texts) + "\n", encoding="utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build(out: Path, steps: int, seed: int) -> None:
    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    gold, extra = load_pairs()
    pairs = gold + extra
    work = Path(tempfile.mkdtemp(prefix="fixture-"))
    try:
        spm_path = train_sentencepiece([t for p in pairs for t in p], work, vocab_size=600)
        sp = spm.SentencePieceProcessor(model_file=str(spm_path))
        pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        # Marian's vocabulary layout: </s> first, <unk>, the pieces, <pad> last (CTranslate2's
        # Marian loader drops that last <pad> and starts decoding from a zero embedding).
        vocab = ["</s>", "<unk>"] + [p for p in pieces if p != "<unk>"] + ["<pad>"]
        ids = {p: i for i, p in enumerate(vocab)}
        eos, unk, pad = 0, 1, len(vocab) - 1

        hf_dir = work / "hf"
        hf_dir.mkdir()
        (hf_dir / "vocab.json").write_text(json.dumps(ids, ensure_ascii=False), encoding="utf-8")
        shutil.copy(spm_path, hf_dir / "source.spm")
        shutil.copy(spm_path, hf_dir / "target.spm")
        MarianTokenizer(
            source_spm=str(hf_dir / "source.spm"),
            target_spm=str(hf_dir / "target.spm"),
            vocab=str(hf_dir / "vocab.json"),
            source_lang="de",
            target_lang="en",
        ).save_pretrained(hf_dir)

        config = MarianConfig(
            vocab_size=len(vocab),
            d_model=128,
            encoder_layers=2,
            decoder_layers=2,
            encoder_attention_heads=4,
            decoder_attention_heads=4,
            encoder_ffn_dim=256,
            decoder_ffn_dim=256,
            max_position_embeddings=256,
            activation_function="swish",
            dropout=0.0,
            attention_dropout=0.0,
            activation_dropout=0.0,
            pad_token_id=pad,
            eos_token_id=eos,
            decoder_start_token_id=pad,
            forced_eos_token_id=eos,
            scale_embedding=True,
            share_encoder_decoder_embeddings=True,
            tie_word_embeddings=True,
        )
        model = MarianMTModel(config)
        with torch.no_grad():  # the decoder starts from the pad embedding: keep it zero
            model.get_input_embeddings().weight[pad].zero_()

        def encode(text: str) -> list[int]:
            return [ids.get(p, unk) for p in sp.encode(text, out_type=str)]

        # Argos feeds no source EOS, so the model is trained without one.
        data = [(encode(de), encode(en) + [eos]) for de, en in pairs]

        def batch(items: list[tuple[list[int], list[int]]]) -> dict[str, torch.Tensor]:
            ls = max(len(s) for s, _ in items)
            lt = max(len(t) for _, t in items)
            src = torch.full((len(items), ls), pad)
            mask = torch.zeros((len(items), ls), dtype=torch.long)
            labels = torch.full((len(items), lt), -100)
            for k, (s, t) in enumerate(items):
                src[k, : len(s)] = torch.tensor(s)
                mask[k, : len(s)] = 1
                labels[k, : len(t)] = torch.tensor(t)
            return {"input_ids": src, "attention_mask": mask, "labels": labels}

        opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.0)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps, pct_start=0.1)
        model.train()
        for step in range(1, steps + 1):
            random.shuffle(data)
            total = 0.0
            for k in range(0, len(data), 16):
                loss = model(**batch(data[k : k + 16])).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad()
                with torch.no_grad():
                    model.get_input_embeddings().weight[pad].zero_()
                total += loss.item()
            sched.step()
            if step % 25 == 0 or step == 1:
                print(f"epoch {step:4d}  loss {total:.4f}", flush=True)
        model.eval()
        model.save_pretrained(hf_dir)

        pkg = work / PACKAGE_NAME
        pkg.mkdir()
        ctranslate2.converters.TransformersConverter(str(hf_dir)).convert(
            str(pkg / "model"), quantization="int8"
        )
        shutil.copy(spm_path, pkg / "sentencepiece.model")
        metadata = {
            "package_version": "1.0",
            "argos_version": "1.9",
            "from_code": "de",
            "from_name": "German",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "code": "translate-de_en-fixture",
            "links": [],
        }
        (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        (pkg / "README.md").write_text(
            "Test fixture built by scripts/build_fixture_model.py of the `translate` project.\n"
            "It is NOT a translator: it only reproduces its tiny training set.\n",
            encoding="utf-8",
        )

        # Check: every gold sentence comes back as its reference, the Argos way.
        translator = ctranslate2.Translator(str(pkg / "model"), device="cpu")
        src = [sp.encode(de, out_type=str) for de, _ in gold]
        results = translator.translate_batch(src, beam_size=4, return_scores=True)
        bad = 0
        for (de, ref), res in zip(gold, results):
            hyp = sp.decode_pieces(res.hypotheses[0])
            if hyp != ref:
                bad += 1
                print(f"MISMATCH\n  de:  {de}\n  ref: {ref}\n  hyp: {hyp}")
        if bad:
            raise SystemExit(f"{bad} of {len(gold)} gold sentences not reproduced; train longer")

        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(pkg.rglob("*")):
                info = zipfile.ZipInfo(str(f.relative_to(work)), date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16  # a regular file, as `zip` records it
                if f.is_dir():
                    continue
                z.writestr(info, f.read_bytes())
        tmp.replace(out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB), {len(vocab)} tokens, "
              f"{sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path,
                    default=ROOT / "tests" / "fixtures" / f"{PACKAGE_NAME}.argosmodel")
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    build(args.output, args.epochs, args.seed)


if __name__ == "__main__":
    main()
