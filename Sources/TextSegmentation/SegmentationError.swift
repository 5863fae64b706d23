import CICUShim

/// An error from ICU, carrying ICU's status name (such as `U_MEMORY_ALLOCATION_ERROR`).
public struct SegmentationError: Error, Sendable, CustomStringConvertible {
  /// ICU's numeric status code.
  public let icuStatus: Int32
  /// ICU's name for the status.
  public let statusName: String
  /// What was being done when ICU failed.
  public let operation: String

  init(icuStatus: Int32, operation: String) {
    self.icuStatus = icuStatus
    self.statusName = String(cString: qx_status_name(icuStatus))
    self.operation = operation
  }

  /// A one-line message naming the operation and the ICU status.
  public var description: String { "ICU \(operation) failed: \(statusName)" }
}
