CREATE TABLE "petition_counts" (
	"petition_id" uuid PRIMARY KEY NOT NULL,
	"valid" integer DEFAULT 0 NOT NULL,
	"under_review" integer DEFAULT 0 NOT NULL,
	"invalidated" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"reconciled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_account_id" uuid,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_region_counts" (
	"petition_id" uuid NOT NULL,
	"region_kato" text NOT NULL,
	"valid" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_region_counts_petition_id_region_kato_pk" PRIMARY KEY("petition_id","region_kato")
);
--> statement-breakpoint
CREATE TABLE "petition_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"text_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_versions_unique" UNIQUE("petition_id","version")
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"author_account_id" uuid NOT NULL,
	"addressee_kind" text NOT NULL,
	"addressee_body_code" text,
	"addressee_local_body_id" integer,
	"unit_kato" text,
	"topic" text NOT NULL,
	"state" text NOT NULL,
	"current_version_id" uuid,
	"initial_support_required" integer NOT NULL,
	"threshold_required" integer,
	"threshold_rule" text,
	"threshold_population" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"moderation_due_on" date,
	"moderated_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"threshold_reached_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"consideration_due_on" date,
	"answered_at" timestamp with time zone,
	"decision" text,
	"response_text" text,
	"response_document_url" text,
	"rejection_reason" text,
	"rejection_topic_group" text,
	"rejection_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petitions_number_unique" UNIQUE("number"),
	CONSTRAINT "petitions_addressee_check" CHECK (("petitions"."addressee_kind" in ('government', 'ministry') and "petitions"."addressee_body_code" is not null)
       or ("petitions"."addressee_kind" in ('akimat', 'maslikhat') and "petitions"."addressee_local_body_id" is not null and "petitions"."unit_kato" is not null))
);
--> statement-breakpoint
CREATE TABLE "signature_count_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" uuid NOT NULL,
	"region_kato" text NOT NULL,
	"valid_delta" integer DEFAULT 0 NOT NULL,
	"review_delta" integer DEFAULT 0 NOT NULL,
	"invalidated_delta" integer DEFAULT 0 NOT NULL,
	"withdrawn_delta" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"signer_key" text NOT NULL,
	"region_kato" text NOT NULL,
	"unit_kato" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"notify_on_outcome" boolean DEFAULT false NOT NULL,
	"passkey_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"challenge" text NOT NULL,
	"nonce" text NOT NULL,
	"text_hash" text NOT NULL,
	"authenticator_data" text NOT NULL,
	"client_data_json" text NOT NULL,
	"signature" text NOT NULL,
	"user_handle" text,
	"rp_id" text NOT NULL,
	"origin" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"device_id" text,
	"aaguid" text,
	CONSTRAINT "signatures_status_check" CHECK ("signatures"."status" in ('valid', 'under_review', 'invalidated'))
);
--> statement-breakpoint
CREATE TABLE "signature_assessments" (
	"signature_id" uuid PRIMARY KEY NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"score" real NOT NULL,
	"decision" text NOT NULL,
	"signals" jsonb NOT NULL,
	"explanation" jsonb NOT NULL,
	"config_version" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "petition_counts" ADD CONSTRAINT "petition_counts_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_region_counts" ADD CONSTRAINT "petition_region_counts_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_versions" ADD CONSTRAINT "petition_versions_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_addressee_local_body_id_local_bodies_id_fk" FOREIGN KEY ("addressee_local_body_id") REFERENCES "public"."local_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_unit_kato_units_kato_fk" FOREIGN KEY ("unit_kato") REFERENCES "public"."units"("kato") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_version_id_petition_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."petition_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_assessments" ADD CONSTRAINT "signature_assessments_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_events_petition_idx" ON "petition_events" USING btree ("petition_id","id");--> statement-breakpoint
CREATE INDEX "petition_versions_search_idx" ON "petition_versions" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "petitions_state_idx" ON "petitions" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "petitions_author_idx" ON "petitions" USING btree ("author_account_id");--> statement-breakpoint
CREATE INDEX "petitions_unit_idx" ON "petitions" USING btree ("unit_kato");--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_one_live_per_signer" ON "signatures" USING btree ("petition_id","signer_key") WHERE "signatures"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "signatures_petition_idx" ON "signatures" USING btree ("petition_id","signed_at");--> statement-breakpoint
CREATE INDEX "signatures_account_idx" ON "signatures" USING btree ("account_id","signed_at");--> statement-breakpoint
CREATE INDEX "signature_assessments_decision_idx" ON "signature_assessments" USING btree ("decision","assessed_at");