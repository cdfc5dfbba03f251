package io.ringfence.generative;

import io.ringfence.generative.Net.Phone;

/**
 * Application-to-person messages: banks' and shops' one-time codes, in bursts (a login storm, a
 * sale), to many subscribers, a few getting several in minutes. SMSCs present the originator as a
 * long number, a short code or an alphanumeric name (all three accepted for SMS, docs/detection.md).
 */
final class Otp implements Behaviour {
    static final String[] SENDERS = {"MYBANK", "PAYFAST", "SECURECARD", "NEOBANK", "SHOPPAY", "GOV.UK", "60123", "88222"};

    @Override
    public void play(Net net, Timeline day) {
        String sender = net.pick(SENDERS);
        String longNumber = "+447860" + net.digits(6);
        long burst = net.time(day.start, day.end);
        long length = net.between(2, 60) * 60_000L;
        for (int n = net.between(10, 120); n > 0; n--) {
            Phone p = net.newPhone();
            String cell = net.homeCell();
            long t = net.time(burst, burst + length);
            for (int repeat = net.chance(0.2) ? net.between(2, 6) : 1; repeat > 0; repeat--) {
                String originator = switch (net.rnd.nextInt(3)) {
                    case 0 -> longNumber;
                    case 1 -> sender.chars().allMatch(Character::isDigit) ? sender : "60123";
                    default -> sender;
                };
                day.sms(t, p, false, originator, cell).put("senderId", sender);
                t += net.between(5_000, 180_000);
            }
        }
    }
}
