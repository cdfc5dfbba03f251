package io.ringfence.event;

/** A SIP transaction seen at an SBC or IP-PBX trunk. */
public final class SipEvent extends TelecomEvent {
    private final String method;
    private final int responseCode;
    private final String sourceIp;
    private final String userAgent;
    private final String fromUri;
    private final String toUri;
    private final String trunk;

    public SipEvent(Common common, String method, int responseCode, String sourceIp, String userAgent,
                    String fromUri, String toUri, String trunk) {
        super(common);
        this.method = method;
        this.responseCode = responseCode;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.fromUri = fromUri;
        this.toUri = toUri;
        this.trunk = trunk;
    }

    @Override
    public EventType getType() { return EventType.SIP; }
    public String getMethod() { return method; }
    public int getResponseCode() { return responseCode; }
    public String getSourceIp() { return sourceIp; }
    public String getUserAgent() { return userAgent; }
    public String getFromUri() { return fromUri; }
    public String getToUri() { return toUri; }
    public String getTrunk() { return trunk; }
    public boolean isRegister() { return "REGISTER".equals(method); }
    public boolean isInvite() { return "INVITE".equals(method); }
    /** 401 and 407 are digest challenges, 403 a refusal: what a password-guessing scanner collects. */
    public boolean isAuthFailure() { return responseCode == 401 || responseCode == 403 || responseCode == 407; }
    public boolean isSuccess() { return responseCode >= 200 && responseCode < 300; }
}
