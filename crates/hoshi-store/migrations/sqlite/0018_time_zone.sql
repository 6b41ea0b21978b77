-- The time zone a person reads times in (an IANA name from hoshi's list); NULL: Japan time.
ALTER TABLE users ADD COLUMN time_zone TEXT;
