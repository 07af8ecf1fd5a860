NAME = "read-hdf5-150"
DESCRIPTION = "read particle_features of a 50k-jet 150-particle JetNet file (chunked, gzip)"
NOTE = "Both: open g150.hdf5 and read particle_features whole. Python: h5py; Swift: HDF5File.read."
REPEAT = 3


def python(data):
    import h5py
    import numpy as np

    def run():
        with h5py.File(data.path("g150.hdf5")) as f:
            return np.array(f["particle_features"])
    return run
