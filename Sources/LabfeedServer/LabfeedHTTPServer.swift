// The HTTP server as a Service: the programme routes, or a static directory (`--root`, for
// `make demo`), bound to an address, saying where it listens once it does.

import Foundation
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// Builds labfeed's Hummingbird applications.
public enum LabfeedHTTPServer {
    /// Called once the socket is bound, with the address actually bound (the real port when 0
    /// was asked).
    public typealias OnListening = @Sendable (ListenAddress) async -> Void

    /// The programme server (`labfeed serve`, `labfeed run --listen`).
    public static func programme(site: ProgrammeSite, metrics: LabfeedMetrics, address: ListenAddress, logger: Logger,
                                 onListening: @escaping OnListening) -> any Service {
        application(router: ProgrammeRoutes.router(site: site, metrics: metrics), address: address, logger: logger,
                    onListening: onListening)
    }

    /// A static file server over `root` (`labfeed serve --root`): files as they are, with
    /// Hummingbird's FileMiddleware (ETag, `If-None-Match`, ranges; `index.html` for folders;
    /// nothing outside `root`).
    public static func staticFiles(root: String, address: ListenAddress, logger: Logger,
                                   onListening: @escaping OnListening) -> any Service {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: logger))
        return application(router: router, address: address, logger: logger, onListening: onListening)
    }

    static func application(router: Router<BasicRequestContext>, address: ListenAddress, logger: Logger,
                            onListening: @escaping OnListening) -> any Service {
        Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: "labfeed"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                await onListening(ListenAddress(host: address.host, port: port))
            },
            logger: logger)
    }
}
