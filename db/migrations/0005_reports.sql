CREATE TABLE "open311_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_partners_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "report_applicants" (
	"report_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_applicants_report_id_account_id_pk" PRIMARY KEY("report_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "report_assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"akimat_body_id" integer NOT NULL,
	"unit_kato" text NOT NULL,
	"department_code" text,
	"executor_account_id" uuid,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_account_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_account_id" uuid,
	"is_public" boolean DEFAULT true NOT NULL,
	"public_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"format" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"thumb_format" text NOT NULL,
	"thumb" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_response_templates" (
	"code" text PRIMARY KEY NOT NULL,
	"category_code" text,
	"decision" text NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"text_kk" text NOT NULL,
	"text_ru" text NOT NULL,
	"text_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"registration_number" text NOT NULL,
	"source" text DEFAULT 'portal' NOT NULL,
	"reporter_account_id" uuid,
	"partner_id" uuid,
	"partner_contact" jsonb,
	"open311_token" text,
	"category_code" text NOT NULL,
	"description" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"address_text" text,
	"place_unit_kato" text,
	"locale" text DEFAULT 'ru' NOT NULL,
	"status" text NOT NULL,
	"akimat_body_id" integer,
	"answering_unit_kato" text,
	"department_code" text,
	"executor_account_id" uuid,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_on" date NOT NULL,
	"forward_due_on" date,
	"answer_due_on" date,
	"answer_due_on_original" date,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"paused_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"fixed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"escalated_to_body_id" integer,
	"decision" text,
	"planned_on" date,
	"answer_text" text,
	"merged_into_id" uuid,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_number_unique" UNIQUE("number"),
	CONSTRAINT "reports_registration_number_unique" UNIQUE("registration_number"),
	CONSTRAINT "reports_reporter_check" CHECK (("reports"."reporter_account_id" is not null) or ("reports"."partner_id" is not null)),
	CONSTRAINT "reports_location_check" CHECK (("reports"."lon" is not null and "reports"."lat" is not null) or ("reports"."place_unit_kato" is not null and "reports"."address_text" is not null))
);
--> statement-breakpoint
ALTER TABLE "report_applicants" ADD CONSTRAINT "report_applicants_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_applicants" ADD CONSTRAINT "report_applicants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_akimat_body_id_local_bodies_id_fk" FOREIGN KEY ("akimat_body_id") REFERENCES "public"."local_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_unit_kato_units_kato_fk" FOREIGN KEY ("unit_kato") REFERENCES "public"."units"("kato") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_executor_account_id_accounts_id_fk" FOREIGN KEY ("executor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_response_templates" ADD CONSTRAINT "report_response_templates_category_code_issue_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."issue_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_account_id_accounts_id_fk" FOREIGN KEY ("reporter_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_partner_id_open311_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."open311_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_category_code_issue_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."issue_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_place_unit_kato_units_kato_fk" FOREIGN KEY ("place_unit_kato") REFERENCES "public"."units"("kato") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_akimat_body_id_local_bodies_id_fk" FOREIGN KEY ("akimat_body_id") REFERENCES "public"."local_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_answering_unit_kato_units_kato_fk" FOREIGN KEY ("answering_unit_kato") REFERENCES "public"."units"("kato") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_executor_account_id_accounts_id_fk" FOREIGN KEY ("executor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_escalated_to_body_id_local_bodies_id_fk" FOREIGN KEY ("escalated_to_body_id") REFERENCES "public"."local_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_applicants_account_idx" ON "report_applicants" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "report_assignments_report_idx" ON "report_assignments" USING btree ("report_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_assignments_routing_once" ON "report_assignments" USING btree ("report_id") WHERE "report_assignments"."kind" = 'routing';--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "report_events_type_idx" ON "report_events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "report_photos_report_idx" ON "report_photos" USING btree ("report_id","kind","position");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_open311_token_unique" ON "reports" USING btree ("open311_token") WHERE "reports"."open311_token" is not null;--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status","registered_at");--> statement-breakpoint
CREATE INDEX "reports_akimat_idx" ON "reports" USING btree ("akimat_body_id","status","answer_due_on");--> statement-breakpoint
CREATE INDEX "reports_place_idx" ON "reports" USING btree ("place_unit_kato");--> statement-breakpoint
CREATE INDEX "reports_category_point_idx" ON "reports" USING btree ("category_code","lon","lat");--> statement-breakpoint
CREATE INDEX "reports_reporter_idx" ON "reports" USING btree ("reporter_account_id");