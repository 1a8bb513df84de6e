// feeds.yml's settings as the fetching engine's options.

public import LabfeedCore
public import LabfeedFetch

extension FetchOptions {
    /// The engine's options for these settings: identity, bounds, limits, retries and safety.
    public init(settings: Settings) {
        self.init()
        userAgent = LabfeedVersion.userAgent(product: settings.userAgent, contact: settings.contact)
        connectTimeout = settings.connectTimeout
        timeout = settings.timeout
        maxBody = settings.maxBody
        concurrency = settings.concurrency
        perHost = settings.perHost
        allowPrivateNetworks = settings.allowPrivateNetworks
        attempts = settings.retries
        lowSpeedLimit = settings.lowSpeedLimit
        lowSpeedTime = settings.lowSpeedTime
        caFile = settings.caFile
    }
}
