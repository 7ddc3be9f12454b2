package app.nocontact.app

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.view.WindowManager
import app.nocontact.core.SupportContact

/** What the activity asks of the platform, kept apart so it is type-checked. */
object AppWindow {
    /**
     * No screenshots, no screen recording, and a blank card in the recents
     * list: `FLAG_SECURE`, and from Android 13 no recents screenshot at all.
     */
    fun secure(activity: Activity) {
        activity.window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) activity.setRecentsScreenshotEnabled(false)
    }

    /**
     * The phone's own dialer or mail app for a support contact, pre-filled and
     * not started: the app itself never calls or sends. Null when what the
     * person wrote is neither a number nor an address ("at the library on
     * Tuesdays").
     */
    fun reach(contact: SupportContact): Intent? {
        val how = contact.howToReach.trim()
        val digits = how.count { it.isDigit() }
        return when {
            how.contains('@') && !how.contains(' ') -> Intent(Intent.ACTION_SENDTO, Uri.fromParts("mailto", how, null))
            digits >= 3 && how.all { it.isDigit() || it in "+-() ." } -> Intent(Intent.ACTION_DIAL, Uri.fromParts("tel", how, null))
            else -> null
        }
    }
}
