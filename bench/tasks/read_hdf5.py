NAME = "read-hdf5-150"
DESCRIPTION = "read particle_features of a 50k-jet 150-particle JetNet file (chunked, gzip)"
REPEAT = 3


def python(data):
    import h5py
    import numpy as np

    def run():
        with h5py.File(data.path("g150.hdf5")) as f:
            return np.array(f["particle_features"])
    return run
