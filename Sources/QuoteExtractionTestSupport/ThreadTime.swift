#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The processor time of the calling thread, for the tests that check that work grows linearly
/// with the input.
///
/// NB: wall-clock time counts the time a thread waits for a core: on a loaded machine (a CI
/// runner, a build beside the tests) a linear run could look quadratic. Extraction runs on the
/// calling thread, so its processor time is the work done.
public enum ThreadTime {
  /// The processor time `body` takes on the calling thread.
  public static func measure(_ body: () throws -> Void) rethrows -> Duration {
    let start = now()
    try body()
    return now() - start
  }

  /// The calling thread's processor time so far.
  public static func now() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
  }
}
