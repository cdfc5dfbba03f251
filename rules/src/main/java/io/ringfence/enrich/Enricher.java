package io.ringfence.enrich;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.CdrEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.DeviceRecord;
import io.ringfence.event.DiameterEvent;
import io.ringfence.event.Enrichment;
import io.ringfence.event.NumberInfo;
import io.ringfence.event.SipEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.Ss7Event;
import io.ringfence.event.SubscriptionEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.reference.NetworkProfile;
import io.ringfence.reference.NumberIntel;
import io.ringfence.reference.ReferenceDataRepository;

/**
 * The enrich stage: fills each event's {@link Enrichment} from number intelligence and from the
 * subscriber's profile as it stood <em>before</em> the event, then lets the event update the profile.
 * Only network records (CDRs and data sessions) move a subscriber's location; signaling does not, so
 * a forged location update cannot make a subscriber look abroad to the signaling rules. The one use of
 * a partner's location update is to keep a traveller calling home from looking like a spoofed caller.
 */
public final class Enricher {
    private final ReferenceDataRepository reference;
    private final SubscriberProfiles profiles;
    private final long callerHomeWindowMillis;
    private final HandsetTimeline handsets;

    public Enricher(ReferenceDataRepository reference, SubscriberProfiles profiles, long callerHomeWindowMillis,
                    long alternationWindowMillis, long swapWindowMillis) {
        this.reference = reference;
        this.profiles = profiles;
        this.callerHomeWindowMillis = callerHomeWindowMillis;
        this.handsets = new HandsetTimeline(alternationWindowMillis, swapWindowMillis);
    }

    public void enrich(TelecomEvent event) {
        long now = event.getTimestampMillis();
        profiles.advance(now);
        NumberIntel intel = reference.intel();
        NetworkProfile network = intel.data().network();
        Enrichment e = event.getEnrichment();
        SubscriberProfile p = profiles.getOrCreate(event.getSubscriber());
        copyContext(p, e);

        if (event instanceof CdrEvent cdr) {
            e.setAInfo(intel.info(cdr.getANumber()));
            e.setBInfo(intel.info(cdr.getBNumber()));
            e.setFromInternationalTrunk(network.isInternationalTrunk(cdr.getTrunk()));
            // A short code or alphanumeric A-party is nobody's line: no owner to look up.
            if (cdr.isMt() && e.isFromInternationalTrunk() && !e.getAInfo().isForeign() && !e.getAInfo().isA2pOriginator()) {
                e.setCallerOwnerAtHome(ownerAtHome(cdr.getANumber(), now));
            }
            if (cdr instanceof SmsEvent) {
                e.setRangeKey(rangeKey(cdr.getBNumber(), e.getBInfo()));
            }
        } else if (event instanceof SipEvent sip) {
            e.setBInfo(intel.info(numberInUri(sip.getToUri())));
        } else if (event instanceof Ss7Event ss7) {
            e.setSignalingOrigin(network.classifyGlobalTitle(ss7.getCallingGt()).name());
            NetworkProfile.RoamingPartner partner = network.partnerOfGlobalTitle(ss7.getCallingGt());
            e.setHomeCellNearPartner(partner != null && partner.reachableFrom(p.lastHomeCell));
            if ("PARTNER".equals(e.getSignalingOrigin()) && "updateLocation".equals(ss7.getOperation())) {
                p.lastPartnerLocationUpdateMillis = Math.max(p.lastPartnerLocationUpdateMillis, now);
            }
        } else if (event instanceof DiameterEvent dia) {
            e.setSignalingOrigin(network.classifyRealm(dia.getOriginRealm()).name());
            NetworkProfile.RoamingPartner partner = network.partnerOfRealm(dia.getOriginRealm());
            e.setHomeCellNearPartner(partner != null && partner.reachableFrom(p.lastHomeCell));
            if ("PARTNER".equals(e.getSignalingOrigin()) && "ULR".equals(dia.getCommand())) {
                p.lastPartnerLocationUpdateMillis = Math.max(p.lastPartnerLocationUpdateMillis, now);
            }
        } else if (event instanceof CallForwardEvent cf) {
            e.setBInfo(intel.info(cf.getForwardTo()));
        } else if (event instanceof io.ringfence.event.SimSwapEvent swap && swap.isRemote()) {
            p.lastRemoteSwapMillis = now;
            p.newHandsetAfterSwapAt = Enrichment.NEVER;
        } else if (event instanceof SubscriptionEvent) {
            p.subscribedAtMillis = now;
            e.setSubscribedAtMillis(now);
        }
        if (event instanceof SmsEvent || event instanceof DataEvent) {
            p.lastSmsOrDataMillis = Math.max(p.lastSmsOrDataMillis, now);
        }
        if (event instanceof io.ringfence.event.VoiceEvent v && v.isMt() && v.isAnswered()) {
            p.lastAnsweredInboundCallMillis = Math.max(p.lastAnsweredInboundCallMillis, now);
        }
        if (event instanceof DeviceRecord record) {
            e.setGatewayTac(intel.data().isSimboxTac(tac(record.getImei())));
            observeDevice(p, record, e, now);
        }
        p.lastSeenMillis = Math.max(p.lastSeenMillis, now);
    }

    private static void copyContext(SubscriberProfile p, Enrichment e) {
        e.setLastHomeActivityMillis(p.lastHomeMillis);
        e.setLastRoamingActivityMillis(p.lastRoamingMillis);
        e.setRoamingNow(p.roamingNow);
        e.setSubscribedAtMillis(p.subscribedAtMillis);
        e.setLastSmsOrDataMillis(p.lastSmsOrDataMillis);
        e.setLastAnsweredInboundCallMillis(p.lastAnsweredInboundCallMillis);
    }

    private void observeDevice(SubscriberProfile p, DeviceRecord r, Enrichment e, long now) {
        String cell = r.getCellId();
        String imei = r.getImei();
        e.setNewCell(cell != null && p.knowsCells() && !p.hasCell(cell));
        e.setNewImei(imei != null && p.knowsImeis() && !p.hasImei(imei));
        handsets.observe(p, r, e, now);
        if (cell != null) {
            p.rememberCell(cell);
        }
        if (imei != null) {
            p.rememberImei(imei);
        }
        if (r.isRoaming()) {
            p.lastRoamingMillis = Math.max(p.lastRoamingMillis, now);
        } else if (now >= p.lastHomeMillis) {
            p.lastHomeMillis = now;
            p.lastHomeCell = cell != null ? cell : p.lastHomeCell;
        }
        // Roaming records arrive hours late: the newest record decides, not the last one processed.
        p.roamingNow = p.lastRoamingMillis > p.lastHomeMillis;
    }

    /**
     * A traveller's own roaming records reach the home network hours late, but the partner's location
     * update arrives at once: a partner update newer than the last home record means abroad. A forged
     * update sent within minutes of home activity raises SS7-003 or DIA-002 itself; one sent hours
     * later could hide a spoofed caller, which is the price of not alerting on every traveller.
     */
    private boolean ownerAtHome(String msisdn, long now) {
        SubscriberProfile owner = profiles.get(msisdn);
        return owner != null && !owner.roamingNow && owner.lastHomeMillis >= now - callerHomeWindowMillis
                && owner.lastPartnerLocationUpdateMillis <= owner.lastHomeMillis;
    }

    /** Country code and the next three digits: wide enough to catch a pumped range, narrow enough to separate it. */
    static String rangeKey(String e164, NumberInfo info) {
        if (e164 == null || info.countryCode() == 0) {
            return null;
        }
        int ccLen = Integer.toString(info.countryCode()).length();
        int end = Math.min(e164.length(), 1 + ccLen + 3);
        return e164.substring(1, end);
    }

    static String numberInUri(String uri) {
        if (uri == null) {
            return null;
        }
        int start = uri.indexOf(':') + 1;
        int end = uri.indexOf('@', start);
        String user = end < 0 ? uri.substring(start) : uri.substring(start, end);
        return user.matches("\\+[1-9]\\d{7,14}") ? user : null;
    }

    private static String tac(String imei) {
        return imei != null && imei.length() >= 8 ? imei.substring(0, 8) : null;
    }
}
