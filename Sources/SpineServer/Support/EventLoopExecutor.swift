// Swift Concurrency on NIO's event loops. By default every `await` on the database hops from the
// event loop to Swift's own thread pool and back; under load those thread switches were a large
// part of the server's CPU (context switches alone were about 12 % of samples). Installing NIO's
// event-loop group as the global executor removes that hop (the pattern Vapor's own template uses).
import NIOCore
import NIOPosix

public enum EventLoopExecutor {
    /// Installs the event loops as Swift Concurrency's global executor; false if it could not be
    /// done (then the default executor is used, and everything still works). Call once, on the
    /// main thread, before the application starts.
    @MainActor @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
