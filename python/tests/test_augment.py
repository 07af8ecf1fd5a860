"""jetnet_swift.augment: byte-identical to `jetnet augment`, and the properties the augmentations
promise (issue 16), through the C ABI."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import assert_close

from jetnet_swift import JetNetInputError
from jetnet_swift.augment import augment


@pytest.fixture(scope="module")
def padded_gluons(sample_jets):
    """The sample's gluon jets [etarel, phirel, ptrel, mask] with 30 empty slots to split into."""
    jets = sample_jets("g")
    return np.concatenate([jets, np.zeros_like(jets)], axis=1).astype(np.float32)


def _real_counts(jets):
    return (jets[..., 3] != 0).sum(axis=1)


def test_collinear_split_keeps_each_jets_summed_pt(padded_gluons):
    out = augment(padded_gluons, "collinear-split", seed=4)
    assert out.shape == padded_gluons.shape and out.dtype == np.float32
    assert (_real_counts(out) > _real_counts(padded_gluons)).any()  # it did split
    before = padded_gluons[..., 2].astype(np.float64).sum(axis=1)
    after = out[..., 2].astype(np.float64).sum(axis=1)
    assert_close(after, before, rtol=1e-6)


def test_rotation_keeps_particle_ptrel_exactly(padded_gluons):
    out = augment(padded_gluons, "rotate", seed=3)
    assert np.array_equal(out[..., 2], padded_gluons[..., 2])
    assert np.array_equal(out[..., 3], padded_gluons[..., 3])
    assert not np.array_equal(out[..., :2], padded_gluons[..., :2])
    # A rotation about the jet axis keeps every distance between two real particles.
    def distances(a):
        angles = a[..., :2].astype(np.float64)
        return np.linalg.norm(angles[:, :, None, :] - angles[:, None, :, :], axis=-1)

    real = padded_gluons[..., 3] != 0
    both = real[:, :, None] & real[:, None, :]
    assert_close(distances(out)[both], distances(padded_gluons)[both], rtol=0, atol=1e-5)


def test_same_seed_gives_identical_bytes_and_other_seeds_differ(padded_gluons):
    first = augment(padded_gluons, seed=11)
    assert first.tobytes() == augment(padded_gluons, seed=11).tobytes()
    assert first.tobytes() != augment(padded_gluons, seed=12).tobytes()
    assert not np.array_equal(first, padded_gluons)


def test_float64_input_is_augmented_as_float32(padded_gluons):
    out64 = augment(padded_gluons.astype(np.float64), "rotate, smear", seed=2)
    assert out64.dtype == np.float32
    assert out64.tobytes() == augment(padded_gluons, "rotate, smear", seed=2).tobytes()


def test_absolute_frame_without_mask_with_other_indices(padded_gluons):
    # JetCLR's (pt, eta, phi) order in GeV, no mask: a particle is real when its pt is positive.
    jets = np.stack([padded_gluons[..., 2] * 1000, padded_gluons[..., 0], padded_gluons[..., 1]], axis=-1)
    out = augment(jets, "rotate", seed=5, frame="absolute", eta=1, phi=2, pt=0, mask=None)
    assert np.array_equal(out[..., 0], jets[..., 0])
    assert not np.array_equal(out[..., 1:], jets[..., 1:])


@pytest.mark.parametrize("text, fragment", [
    ("spin", "Augmentation 'spin' cannot be used"),
    ("rotate,,smear", "it has an empty stage"),
    ("smear(width=1)", "Augmentation 'smear(width=1)' cannot be used"),
])
def test_bad_pipeline_text_raises_value_error_with_the_librarys_message(padded_gluons, text, fragment):
    with pytest.raises(ValueError, match=None) as raised:
        augment(padded_gluons, text)
    assert fragment in str(raised.value)
    assert isinstance(raised.value, JetNetInputError)


def test_bad_layout_raises_value_error(padded_gluons):
    with pytest.raises(ValueError, match="layout"):
        augment(padded_gluons, "rotate", eta=0, phi=0, pt=2)
    with pytest.raises(ValueError, match="frame"):
        augment(padded_gluons, "rotate", frame="polar")


CLI_CASES = [
    ("default_seed0", "rotate,translate,smear,collinear-split", 0),
    ("split_smear_seed7", "rotate, collinear-split(max-splits=5), smear(pt-min=0.5, strength=0.2)", 7),
    ("crop_merge_seed3", "crop,merge", 3),
]


@pytest.mark.parametrize("name, text, seed", CLI_CASES)
def test_same_bytes_as_the_cli(sample_jets, name, text, seed):
    """`jetnet augment` on the first 20 top jets padded to 60 slots
    (scripts/fixtures/make_augment_cli_golden.py)."""
    jets = sample_jets("t")[:20]
    jets = np.concatenate([jets, np.zeros_like(jets)], axis=1).astype(np.float32)
    with np.load(Path(__file__).parent / "fixtures" / "augment_cli_t20.npz") as golden:
        expected = golden[name]
    out = augment(jets, text, seed=seed)
    assert not np.array_equal(out, jets)
    assert out.tobytes() == expected.tobytes()
