"""The ctypes signatures of jetnet_swift._capi agree with the C header shipped beside the library,
and the library exports every function the header declares."""
from __future__ import annotations

import ctypes
import re
from pathlib import Path

import jetnet_swift
from jetnet_swift import _capi

HEADER = Path(jetnet_swift.__file__).parent / "_lib" / "jetnet_capi.h"
C_TYPES = {
    "const jn_array *": _capi._ARRAY_P,
    "const char *": ctypes.c_char_p,
    "int64_t": ctypes.c_int64,
    "uint64_t": ctypes.c_uint64,
    "int32_t": ctypes.c_int32,
    "double": ctypes.c_double,
}


def _declarations() -> dict:
    """{name: [parameter C types]} of every `jn_result *jn_...(...)` in the header."""
    text = re.sub(r"/\*.*?\*/", "", HEADER.read_text(), flags=re.S)
    # Each parameter is "<type> <name>"; the type keeps its "*" ("const jn_array *real").
    return {name: [re.match(r"(.*?)\s*\w+$", " ".join(p.split())).group(1).replace("*", " *").replace("  ", " ")
                   for p in parameters.split(",")]
            for name, parameters in re.findall(r"jn_result \*(jn_\w+)\(([^)]*)\);", text)}


def test_every_header_function_has_the_header_signature_in_ctypes():
    declarations = _declarations()
    assert "jn_fpnd_precision" in declarations and len(declarations) == len(_capi._SIGNATURES)
    for name, types in declarations.items():
        assert name in _capi._SIGNATURES, f"{name} is in the header but not in _capi._SIGNATURES"
        assert [C_TYPES[t] for t in types] == _capi._SIGNATURES[name], f"{name}: header {types}"


def test_the_library_exports_every_header_function():
    for name in _declarations():
        assert hasattr(_capi._lib, name), f"libJetNetCAPI.so does not export {name}"
