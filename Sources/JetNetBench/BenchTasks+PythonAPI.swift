import Foundation
import JetNet

extension BenchTasks {
    /// bench/tasks/python_api_*.py time the Python package `jetnet_swift` from Python; their Swift
    /// side is the same work as the plain task, so a row's ratio is the binding's cost.
    static let pythonAPI: [String: Task] = [
        "python-api-w1p": w1["w1p"]!,
        "python-api-fpd": fpdKPD["fpd"]!,
        "python-api-kpd": fpdKPD["kpd"]!,
        "python-api-efps-d4": efp["efps-d4"]!,
        "python-api-evaluate-all": evaluate["evaluate-all"]!,
    ]
}
