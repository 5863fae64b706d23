/// Why an input could not be read: a stable code and a message for people.
struct InputError: Error {
  var code: String
  var message: String

  static func from(_ error: any Error) -> InputError {
    error as? InputError ?? InputError(code: "unreadable", message: "\(error)")
  }
}
