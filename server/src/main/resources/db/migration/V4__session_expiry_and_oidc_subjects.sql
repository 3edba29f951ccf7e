-- Portal sessions are tokens that expire; users who sign in through an identity provider are tied
-- to the provider's subject, so another account of the same name cannot take theirs over.
ALTER TABLE tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ADD COLUMN oidc_subject VARCHAR(300);
