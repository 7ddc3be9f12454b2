package app.nocontact.app

import android.os.SystemClock
import app.nocontact.core.BootClock

/**
 * The boot clock the core times its wait after failed unlocks by:
 * milliseconds since boot, deep sleep included, which setting the date does
 * not move.
 */
object ElapsedRealtimeClock : BootClock {
    override fun millisSinceBoot(): ULong = SystemClock.elapsedRealtime().toULong()
}
