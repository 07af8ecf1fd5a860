"""ctypes bindings to libJetNetCAPI.so (the header is _lib/jetnet_capi.h).

Arrays go in as pointers to their data: C-contiguous float32/float64 arrays are passed as they
are, anything else is converted once (to float64 unless stated). Every call returns a result
handle holding the outputs or an error category and message, so nothing is shared between calls
and they may run on several Python threads at once; ctypes releases the GIL during each call.
"""
from __future__ import annotations

import ctypes
import json
import os
from pathlib import Path

import numpy as np

_LIB_DIR = Path(__file__).resolve().parent / "_lib"
# The library reads its EFP table and FPND network from the resource bundles shipped beside it.
os.environ["JETNET_SWIFT_RESOURCES"] = str(_LIB_DIR)

_FLOAT32, _FLOAT64, _BOOL = 0, 1, 2
_OK, _VALUE_ERROR, _FILE_NOT_FOUND, _RUNTIME_ERROR = 0, 1, 2, 3


class JetNetInputError(ValueError, AssertionError):
    """Bad input (shape, value or argument). A ValueError, and an AssertionError too, because
    jetnet checks its inputs with ``assert`` and code written for it may catch that."""


_EXCEPTIONS = {_VALUE_ERROR: JetNetInputError, _FILE_NOT_FOUND: FileNotFoundError, _RUNTIME_ERROR: RuntimeError}


class _Array(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
        ("ndim", ctypes.c_int64),
        ("dtype", ctypes.c_int32),
    ]


_ARRAY_P = ctypes.POINTER(_Array)
_RESULT_P = ctypes.c_void_p
_i64, _u64, _i32, _f64, _str = ctypes.c_int64, ctypes.c_uint64, ctypes.c_int32, ctypes.c_double, ctypes.c_char_p

_SIGNATURES = {
    "jn_w1m": [_ARRAY_P, _ARRAY_P, _i64, _i64, _u64, _i32],
    "jn_w1p": [_ARRAY_P, _ARRAY_P, _ARRAY_P, _ARRAY_P, _i32, _i64, _i64, _i64, _u64, _i32],
    "jn_w1efp": [_ARRAY_P, _ARRAY_P, _i32, _str, _i64, _i64, _u64, _i32],
    "jn_fpd": [_ARRAY_P, _ARRAY_P, _i64, _i64, _i64, _i64, _i32, _u64],
    "jn_kpd": [_ARRAY_P, _ARRAY_P, _i64, _i64, _i32, _u64],
    "jn_cov_mmd": [_ARRAY_P, _ARRAY_P, _i64, _i64, _u64],
    "jn_fpnd": [_ARRAY_P, _str, _i32],
    "jn_fpnd_precision": [_ARRAY_P, _str, _i32, _str],
    "jn_fpd_kpd_jet_features": [_ARRAY_P],
    "jn_jet_features": [_ARRAY_P],
    "jn_efps": [_ARRAY_P, _i32, _str],
    "jn_to_image": [_ARRAY_P, _i64, _ARRAY_P, _f64],
    "jn_gen_jet_corrections": [_ARRAY_P, _i32, _i32, _i32, _i64],
    "jn_coord_transform": [_str, _ARRAY_P, _ARRAY_P, _str],
    "jn_emd": [_ARRAY_P, _ARRAY_P, _i32, _f64, _f64, _i32, _i32, _i32],
    "jn_get_data": [_str, _str],
    "jn_augment": [_ARRAY_P, _str, _u64, _str, _i64, _i64, _i64, _i64, _i64, _i64, _i64, _i64, _f64],
}


def _load():
    library = ctypes.CDLL(str(_LIB_DIR / "libJetNetCAPI.so"))
    for name, arguments in _SIGNATURES.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = _RESULT_P
    for name, restype, arguments in [
        ("jn_result_status", _i32, [_RESULT_P]),
        ("jn_result_message", _str, [_RESULT_P]),
        ("jn_result_count", _i64, [_RESULT_P]),
        ("jn_result_dtype", _i32, [_RESULT_P, _i64]),
        ("jn_result_ndim", _i64, [_RESULT_P, _i64]),
        ("jn_result_shape", None, [_RESULT_P, _i64, ctypes.POINTER(_i64)]),
        ("jn_result_copy", None, [_RESULT_P, _i64, ctypes.c_void_p]),
        ("jn_result_free", None, [_RESULT_P]),
        ("jn_version", _str, []),
    ]:
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = arguments
    return library


_lib = _load()
version = _lib.jn_version().decode()


def as_ndarray(x, name: str = "array") -> np.ndarray:
    """numpy view of a numpy array, a torch tensor (without importing torch) or a nested list."""
    if hasattr(x, "detach") and hasattr(x, "cpu"):
        x = x.detach().cpu().numpy()
    return np.asarray(x)


class Arg:
    """An array argument: a C-contiguous float32/float64 array (the caller's own memory when it
    already is one) and the jn_array that points at it. Keep the Arg alive during the call."""

    __slots__ = ("array", "shape", "struct")

    def __init__(self, x, name: str, dtype=None):
        array = as_ndarray(x, name)
        if dtype is not None and array.dtype != dtype:
            array = array.astype(dtype)
        elif array.dtype not in (np.float32, np.float64):
            array = array.astype(np.float64)
        if not array.flags.c_contiguous:
            array = np.ascontiguousarray(array)
        self.array = array
        self.shape = (ctypes.c_int64 * max(array.ndim, 1))(*array.shape)
        code = _FLOAT32 if array.dtype == np.float32 else _FLOAT64
        self.struct = _Array(array.ctypes.data, self.shape, array.ndim, code)

    @property
    def pointer(self):
        return ctypes.byref(self.struct)


def arg(x, name: str, dtype=None):
    """An Arg, or None (a NULL pointer) for None."""
    return None if x is None else Arg(x, name, dtype)


def pointer(a):
    return None if a is None else a.pointer


def call(name: str, *arguments) -> list:
    """Calls jn_<name> and returns its outputs as numpy arrays, or raises the library's error."""
    function = getattr(_lib, "jn_" + name)
    converted = [a.pointer if isinstance(a, Arg) else (a.encode() if isinstance(a, str) else a) for a in arguments]
    result = function(*converted)
    try:
        status = _lib.jn_result_status(result)
        if status != _OK:
            message = _lib.jn_result_message(result).decode("utf-8", "replace")
            raise _EXCEPTIONS.get(status, RuntimeError)(message)
        outputs = []
        for index in range(_lib.jn_result_count(result)):
            ndim = _lib.jn_result_ndim(result, index)
            shape = (ctypes.c_int64 * max(ndim, 1))()
            _lib.jn_result_shape(result, index, shape)
            dtype = {_FLOAT32: np.float32, _FLOAT64: np.float64, _BOOL: np.bool_}[_lib.jn_result_dtype(result, index)]
            out = np.empty(tuple(shape[:ndim]), dtype=dtype)
            if out.size:
                _lib.jn_result_copy(result, index, out.ctypes.data)
            outputs.append(out)
        return outputs
    finally:
        _lib.jn_result_free(result)


def call_json(name: str, first: str, payload: dict) -> list:
    return call(name, first, json.dumps(payload))


def selection_text(efpset_args) -> str:
    """energyflow EFPSet arguments (("d<=", 4), "n==4", ...) as the library's selection lines."""
    lines = []
    for item in efpset_args:
        if isinstance(item, str):
            lines.append(item.replace(" ", ""))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            lines.append(f"{str(item[0]).strip()}{int(item[1])}")
        else:
            raise JetNetInputError(
                f"EFP selection {item!r} is not supported; pass strings like 'd<=4' or pairs like ('d<=', 4)")
    return "\n".join(lines)
