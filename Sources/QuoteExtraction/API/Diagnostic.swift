/// Something odd about the input that did not stop processing: invalid UTF-8, an unclosed
/// quotation mark, a document that was cut.
public struct Diagnostic: Sendable, Hashable {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Hashable {
    /// For information only.
    case note
    /// The output may be affected.
    case warning
  }

  /// A stable code such as `invalid-utf8` or `unclosed-quote`.
  public var code: String
  /// A sentence for people.
  public var message: String
  /// Where it happened, as a UTF-8 byte offset into the (repaired) text, when it has a place.
  public var utf8Offset: Int?
  /// How serious it is.
  public var severity: Severity

  /// Creates a diagnostic.
  public init(code: String, message: String, utf8Offset: Int? = nil, severity: Severity = .warning)
  {
    self.code = code
    self.message = message
    self.utf8Offset = utf8Offset
    self.severity = severity
  }
}
