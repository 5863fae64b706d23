import Foundation

/// SIGPIPE is ignored (a write then fails with EPIPE, handled by ``OutputSink``); SIGINT sets a
/// flag that the main loop checks between records, so no record is cut; a second SIGINT ends
/// the process at once.
enum Signals {
  nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

  static func install() {
    signal(SIGPIPE, SIG_IGN)
    var action = sigaction()
    #if os(Linux)
      action.__sigaction_handler.sa_handler = { _ in
        if Signals.interrupted != 0 { _exit(130) }
        Signals.interrupted = 1
      }
    #else
      action.__sigaction_u.__sa_handler = { _ in
        if Signals.interrupted != 0 { _exit(130) }
        Signals.interrupted = 1
      }
    #endif
    sigemptyset(&action.sa_mask)
    // NB: no SA_RESTART, so that a read blocked on a terminal returns EINTR and the run stops.
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // NB: a parent may have started us with SIGINT blocked (Foundation's Process does).
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }

  static var wasInterrupted: Bool { interrupted != 0 }
}
