import Foundation

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// The device's boot clock for the core's wait after failed unlocks: time
/// since boot, sleep included, that setting the date does not move. On
/// Apple's systems `CLOCK_MONOTONIC` keeps counting while asleep; on Linux
/// that is `CLOCK_BOOTTIME`.
final class DeviceBootClock: BootClock, Sendable {
    func millisSinceBoot() -> UInt64 {
        #if canImport(Darwin)
            return clock_gettime_nsec_np(CLOCK_MONOTONIC) / 1_000_000
        #else
            var now = timespec()
            guard clock_gettime(CLOCK_BOOTTIME, &now) == 0 else { return 0 }
            return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
        #endif
    }
}
