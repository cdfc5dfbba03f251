-- The dashboard counts alerts by typology over a window of traffic time.
CREATE INDEX alert_record_detected ON alert_record (detected_at);
