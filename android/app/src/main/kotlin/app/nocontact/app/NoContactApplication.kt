package app.nocontact.app

import android.app.Activity
import android.app.Application
import android.app.NotificationChannel
import android.app.NotificationManager
import android.os.Bundle
import app.nocontact.client.VaultThread

/**
 * The process: the one vault thread every vault call runs on (timing the
 * wait after failed unlocks by the boot clock), the
 * notification channel (named neutrally), and the lock when the last screen
 * of the app leaves the foreground.
 */
class NoContactApplication : Application() {
    val vaultThread = VaultThread(ElapsedRealtimeClock)

    /** Called when no activity of the app is started any more (set by [MainActivity]). */
    var onBackground: () -> Unit = {}

    override fun onCreate() {
        super.onCreate()
        val channel = NotificationChannel(
            Reminders.CHANNEL,
            getString(R.string.channel_reminders),
            NotificationManager.IMPORTANCE_DEFAULT,
        ).apply {
            // Nothing on the lock screen beyond the neutral text itself.
            lockscreenVisibility = android.app.Notification.VISIBILITY_PRIVATE
            setShowBadge(false)
        }
        getSystemService(NotificationManager::class.java)?.createNotificationChannel(channel)
        registerActivityLifecycleCallbacks(BackgroundLock { onBackground() })
    }
}

/** Calls [onBackground] when the count of started activities drops to zero. */
class BackgroundLock(private val onBackground: () -> Unit) : Application.ActivityLifecycleCallbacks {
    private var started = 0

    override fun onActivityStarted(activity: Activity) {
        started++
    }

    override fun onActivityStopped(activity: Activity) {
        started--
        // A configuration change restarts the activity at once: not a background.
        if (started == 0 && !activity.isChangingConfigurations) onBackground()
    }

    override fun onActivityCreated(activity: Activity, savedInstanceState: Bundle?) {}

    override fun onActivityResumed(activity: Activity) {}

    override fun onActivityPaused(activity: Activity) {}

    override fun onActivitySaveInstanceState(activity: Activity, outState: Bundle) {}

    override fun onActivityDestroyed(activity: Activity) {}
}
