NAME = "calo-features-ds2"
DESCRIPTION = "CaloChallenge high-level features of 100k dataset-2 showers in memory (Python: official HighLevelFeatures on the float32 array as evaluate.py; Swift: float64)"
REPEAT = 1


def _official():
    """The official code folder (CaloChallenge/homepage code/), from CALOCHALLENGE_CODE."""
    import os
    import sys
    code = os.environ.get("CALOCHALLENGE_CODE")
    if not code or not os.path.exists(os.path.join(code, "HighLevelFeatures.py")):
        sys.exit("set CALOCHALLENGE_CODE to a checkout of CaloChallenge/homepage's code/ folder "
                 "(HighLevelFeatures.py, XMLHandler.py, binning_dataset_2.xml)")
    sys.path.insert(0, code)
    return code


def python(data):
    import os
    import h5py
    import numpy as np
    code = _official()
    import HighLevelFeatures as HLF
    with h5py.File(data.path("calo_ds2_100k.hdf5")) as f:
        showers = f["showers"][:]
    # evaluate.py: threshold, then the features of the array as read.
    showers = np.where(showers < 0.5e-3 / 0.033, np.zeros_like(showers), showers)
    hlf = HLF.HighLevelFeatures("electron", filename=os.path.join(code, "binning_dataset_2.xml"))

    def run():
        hlf.CalculateFeatures(showers)
        return hlf
    return run
