package io.ringfence.web;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Cross-site request forgery, checked where it can still happen. The console holds its credentials in script
 * (sessionStorage: a Basic header in demo mode, an access token with Keycloak) and sends them as an
 * {@code Authorization} header with {@code credentials: 'omit'}; the service keeps no session and sets no
 * cookie, so another site's page cannot make the browser send them. One browser-held credential remains: HTTP
 * Basic that a person typed into the browser's own password dialog (opening an API address in a tab, demo mode).
 * The browser then sends it by itself with every request to the service, a form posted from another site
 * included. So a call that changes something is refused when the browser says it comes from another site:
 * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} (a person's own navigation), or, from a
 * browser without it, an {@code Origin} that is not the service's own. Clients that are not browsers (curl,
 * switches, scripts) send neither header and are not affected.
 */
final class CrossSiteWrites {
    private CrossSiteWrites() {
    }

    /** @return why the call is refused, or null */
    static String refusal(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.trim().toLowerCase(Locale.ROOT);
            return s.equals("same-origin") || s.equals("none") ? null
                    : "a call that changes something is only taken from the console's own pages; the browser says this"
                    + " one comes from another site (Sec-Fetch-Site: " + Text.printable(site) + "); nothing was done";
        }
        String origin = request.getHeader("Origin");
        if (origin == null || sameAuthority(origin, request.getHeader("Host"))) {
            return null;
        }
        return "a call that changes something is only taken from the console's own pages; this one comes from "
                + Text.printable(origin) + "; nothing was done";
    }

    /** Scheme aside: behind a proxy that ends TLS the service sees http while the page was https. */
    private static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI o = new URI(origin.trim());
            if (o.getHost() == null) {
                return false; // "null": a sandboxed frame, a data: page, a cross-site redirect
            }
            String authority = o.getRawAuthority().toLowerCase(Locale.ROOT);
            String h = host.trim().toLowerCase(Locale.ROOT);
            return authority.equals(h) || authority.equals(h + ":" + defaultPort(o.getScheme()))
                    || h.equals(authority + ":" + defaultPort(o.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
