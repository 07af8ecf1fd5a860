import JetNetCore

extension TorchStateDict {
    /// The zip format of PyTorch ≥ 1.6: `<archive>/data.pkl` and `<archive>/data/<key>`.
    static func readZip(_ bytes: [UInt8]) throws(PickleMachine.Failure) -> TorchStateDict {
        throw PickleMachine.Failure(reason: "zip-format state dicts are not supported yet; re-save with torch.save(..., _use_new_zipfile_serialization=False)")
    }
}
