package app.nocontact.app

import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.nocontact.core.Reminder

/**
 * Reminders, scheduled from the core's upcoming reminders (their instants
 * computed in the phone's zone, their words at the discretion level the
 * person chose) while the vault is unlocked, and shown as notifications with
 * exactly those words. Inexact alarms: no exact-alarm permission is asked
 * for, and a reminder a few minutes late is fine.
 */
object Reminders {
    const val CHANNEL = "notes"

    /** How many are kept scheduled; the app reschedules at every lock. */
    const val AHEAD = 8

    fun schedule(context: Context, upcoming: List<Reminder>) {
        val alarms = context.getSystemService(AlarmManager::class.java) ?: return
        for (slot in 0 until AHEAD) {
            alarms.cancel(pending(context, slot, null))
        }
        upcoming.take(AHEAD).forEachIndexed { slot, reminder ->
            alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, reminder.at.toEpochMilli(), pending(context, slot, reminder))
        }
    }

    private fun pending(context: Context, slot: Int, reminder: Reminder?): PendingIntent {
        val intent = Intent(context, ReminderReceiver::class.java).setAction(ACTION)
        if (reminder != null) {
            intent.putExtra(TITLE, reminder.title).putExtra(BODY, reminder.body)
        }
        return PendingIntent.getBroadcast(context, slot, intent, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
    }

    const val ACTION = "app.notebook.reminder"
    const val TITLE = "t"
    const val BODY = "b"
}

/** Shows one reminder; tapping it opens the app at its unlock screen. */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != Reminders.ACTION) return
        val title = intent.getStringExtra(Reminders.TITLE) ?: return
        val body = intent.getStringExtra(Reminders.BODY).orEmpty()
        val launch = context.packageManager.getLaunchIntentForPackage(context.packageName) ?: return
        val open = PendingIntent.getActivity(context, 0, launch, PendingIntent.FLAG_IMMUTABLE)
        val notification = Notification.Builder(context, Reminders.CHANNEL)
            .setSmallIcon(R.drawable.ic_notebook)
            .setContentTitle(title)
            .setContentText(body)
            .setContentIntent(open)
            .setAutoCancel(true)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .build()
        val manager = context.getSystemService(NotificationManager::class.java) ?: return
        if (manager.areNotificationsEnabled()) manager.notify(title.hashCode(), notification)
    }
}
