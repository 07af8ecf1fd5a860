"""Synthetic CaloChallenge shower files for the calorimeter benchmarks (not a task)."""
import numpy as np


def calo_showers(p, count, voxels, hit_fraction, seed, compression=None):
    """Writes `count` synthetic showers in the official layout (float32, MeV) to `p`: about
    `hit_fraction` of the voxels hit, log-normal energies, some below the threshold."""
    import h5py
    generator = np.random.default_rng(seed)
    block = max(1, 40_000_000 // voxels)
    with h5py.File(p, "w") as f:
        energies = 10 ** generator.uniform(3, 6, size=(count, 1))
        f.create_dataset("incident_energies", data=energies.astype(np.float32))
        showers = f.create_dataset("showers", shape=(count, voxels), dtype=np.float32,
                                   chunks=(min(count, 100), voxels), compression=compression)
        for start in range(0, count, block):
            rows = min(block, count - start)
            values = generator.lognormal(0, 2, size=(rows, voxels)).astype(np.float32)
            values *= generator.random((rows, voxels), dtype=np.float32) < hit_fraction
            showers[start:start + rows] = values
